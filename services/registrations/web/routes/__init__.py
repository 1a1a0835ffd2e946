"""HTTP routes of the registrations service: the public form and the JSON API."""
