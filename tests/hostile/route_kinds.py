"""What each route of the three services is for, where it needs no organization's member:
the public site and people's own links, the operators' doors, and the organizer routes that
act only in the caller's own organization. Every other route names something of one
organization's, and tests/hostile/test_tenant_isolation.py aims at it from another."""

from tests.hostile.estate import EVERY_APP, Route


def listed(*lines: str) -> set[Route]:
    """'service METHOD /path' lines as routes."""
    return {Route(*line.split()) for line in lines}


PUBLIC = listed(
    *(f"{service} GET /{probe}" for service in EVERY_APP for probe in ("health", "healthz")),
    *(f"{service} GET /{probe}" for service in EVERY_APP for probe in ("readyz", "metrics")),
    # The public site: published events, calendars, feeds, legal pages.
    "events GET /",
    "events GET /events/{slug}",
    "events GET /api/events",
    "events GET /api/events/{slug}",
    "events GET /events/{slug}.ics",
    "events GET /events/{slug}/schedule.xml",
    "events GET /events/{slug}/schedule.json",
    "events GET /feeds/organizations/{organization}.ics",
    "events GET /feeds/topics/{topic}.ics",
    # Events on other websites: the framed list, the script and its JSON, the news feeds.
    "events GET /embed/events.js",
    "events GET /embed/organizations/{organization}",
    "events GET /embed/organizations/{organization}/events.json",
    "events GET /feeds/organizations/{organization}.atom",
    "events GET /feeds/organizations/{organization}.rss",
    "events GET /accessibility",
    "events GET /organizations/{org}/accessibility",
    "events GET /legal-notes",
    "events GET /cookies",
    # The doors in: the login form, and an invitation whose random token is the credential.
    "events GET /console/login",
    "events POST /console/login",
    "events GET /console/invitations/{token}",
    "events POST /console/invitations/{token}",
    "registrations GET /organizer/enter",
    # People registering, and their own pages behind the signed links they were mailed.
    "registrations GET /api/events/{slug}/availability",
    "registrations POST /api/events/{slug}/registrations",
    "registrations GET /events/{slug}/register",
    "registrations POST /events/{slug}/register",
    "registrations GET /confirm/{token}",
    "registrations POST /confirm/{token}",
    "registrations GET /accept/{token}",
    "registrations POST /accept/{token}",
    "registrations GET /r/{token}",
    "registrations GET /r/{token}/event.ics",
    "registrations POST /r/{token}/mode",
    "registrations GET /r/{token}/cancel",
    "registrations POST /r/{token}/cancel",
    "registrations GET /r/{token}/data.json",
    "registrations GET /r/{token}/certificate.pdf",
    "registrations GET /r/{token}/questionnaire",
    "registrations POST /r/{token}/questionnaire",
    "registrations GET /feeds/people/{feed_id}.ics",
    "registrations GET /feeds/people/{email_in_base64}/{signature}.ics",
    "registrations GET /privacy",
    "registrations GET /privacy/{org}",
    "registrations GET /events/{slug}/privacy",
    "registrations GET /events/{slug}/privacy/{version}",
    # A public event's documents, for anyone (a draft's are not found).
    "events GET /events/{slug}/materials/{material_id}",
    # A certificate's verification page: anyone with the code (initials), or the holder's link.
    "registrations GET /certificates/{code}",
    "registrations GET /certificates/{code}/{token}",
)
OPERATOR = listed(
    "events POST /api/admin/organizations",
    "events POST /api/admin/organizations/{slug}/members",
    "events POST /api/admin/organizations/{slug}/tokens",
    "notifications GET /api/deliveries",
    "notifications POST /api/deliveries/{delivery_id}/retry",
    "notifications GET /deliveries/login",
    "notifications GET /deliveries",
    "notifications POST /deliveries/{delivery_id}/retry",
)
# Naming nothing in their path: they act in the caller's own organization. So do the
# console's pages whose path names only an organization, when it is the caller's.
OWN = listed(
    "events GET /api/organizer/events",
    "events POST /api/organizer/events",
    "events GET /api/organizer/speakers",
    "events POST /api/organizer/speakers",
    "events GET /api/organizer/venues",
    "events POST /api/organizer/venues",
    "events GET /console/",
    "events POST /console/logout",
    "registrations GET /api/organizer/privacy",
    "registrations PUT /api/organizer/privacy",
    "registrations GET /organizer/dashboard",
    "registrations GET /organizer/privacy",
    "registrations POST /organizer/privacy",
)
