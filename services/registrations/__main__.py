"""`python -m services.registrations`: serve the registrations service."""

from services.registrations.settings import RegistrationsSettings
from shared.web.server import serve

if __name__ == "__main__":
    settings = RegistrationsSettings()
    serve("services.registrations.main:create_app", settings)
