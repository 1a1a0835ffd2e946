-- Run once by the postgres image, on the first start with an empty data volume:
-- one database per service (no shared tables). Each service creates its own tables
-- with its Alembic migrations when it starts.
CREATE DATABASE events;
CREATE DATABASE registrations;
CREATE DATABASE notifications;
