"""`python -m services.notifications`: serve the notifications service."""

from services.notifications.settings import NotificationsSettings
from shared.web.server import serve

if __name__ == "__main__":
    settings = NotificationsSettings()
    serve("services.notifications.main:create_app", settings)
