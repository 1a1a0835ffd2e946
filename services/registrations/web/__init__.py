"""HTTP: routes (API and pages), their request and response schemas, and page templates."""
