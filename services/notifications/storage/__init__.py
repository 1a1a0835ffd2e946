"""Tables, the queries that need SQL, and the service's own Alembic history (migrations/)."""
