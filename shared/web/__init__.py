"""What every service's web layer shares: templates, languages, static assets, errors."""
