"""Texts of the events pages, Italian then English."""

MESSAGES: dict[str, tuple[str, str]] = {
    "upcoming_events": ("Prossimi convegni", "Upcoming conferences"),
    "no_upcoming": (
        "Non ci sono convegni in programma al momento.",
        "There are no upcoming conferences at the moment.",
    ),
    "read_more": ("Programma e iscrizione", "Programme and registration"),
    "organized_by": ("Organizzato da", "Organized by"),
    "with_support_of": ("Con il supporto organizzativo di", "With the organizational support of"),
    "when": ("Quando", "When"),
    "where": ("Dove", "Where"),
    "doors_open": ("Apertura", "Doors open"),
    "programme": ("Programma", "Programme"),
    "moderator": ("Modera", "Moderator"),
    "register": ("Iscriviti", "Register"),
    "add_to_calendar": ("Aggiungi al calendario (.ics)", "Add to calendar (.ics)"),
    "seats": ("Posti disponibili in sala: {n}", "Seats in the room: {n}"),
    "cancelled_event": ("Questo evento è stato annullato.", "This event has been cancelled."),
    "role_moderator": ("modera", "moderator"),
    "role_chair": ("presiede", "chair"),
    "role_respondent": ("discussant", "respondent"),
    "back_to_list": ("Tutti i convegni", "All conferences"),
}
