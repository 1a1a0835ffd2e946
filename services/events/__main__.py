"""`python -m services.events`: serve the events service."""

from services.events.settings import EventsSettings
from shared.web.server import serve

if __name__ == "__main__":
    settings = EventsSettings()
    serve("services.events.main:create_app", settings)
