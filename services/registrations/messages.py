"""Texts of the registration pages, Italian then English."""

MESSAGES: dict[str, tuple[str, str]] = {
    "register_title": ("Iscrizione", "Registration"),
    "form_intro": (
        "Compila il modulo per iscriverti. I campi con * sono obbligatori.",
        "Fill in the form to register. Fields marked * are required.",
    ),
    "first_name": ("Nome", "First name"),
    "last_name": ("Cognome", "Last name"),
    "email": ("Email", "Email"),
    "email_hint": (
        "Riceverai qui la conferma e l'invito per il calendario.",
        "You will receive the confirmation and the calendar invite here.",
    ),
    "organization": ("Ente o organizzazione", "Organization or municipality"),
    "privacy_consent": (
        "Ho letto l'informativa sul trattamento dei dati personali e acconsento al trattamento "
        "per la gestione dell'iscrizione.",
        "I have read the privacy notice and agree to the processing of my data to manage my "
        "registration.",
    ),
    "submit": ("Iscriviti", "Register"),
    "errors_heading": ("Correggi questi campi:", "Please fix these fields:"),
    "error_required": ("Campo obbligatorio", "This field is required"),
    "error_too_long": (
        "Testo troppo lungo (massimo {limit} caratteri)",
        "Too long (at most {limit} characters)",
    ),
    "error_invalid_characters": (
        "Il testo contiene caratteri non ammessi (ad esempio un a capo)",
        "The text contains characters that are not allowed (such as a line break)",
    ),
    "error_email_invalid": (
        "Indirizzo email non valido, ad esempio nome@comune.it",
        "Not a valid email address, for example name@example.org",
    ),
    "error_consent_required": (
        "Per iscriverti devi accettare l'informativa privacy",
        "You must accept the privacy notice to register",
    ),
    "confirmed_title": ("Iscrizione confermata", "Registration confirmed"),
    "confirmed_text": (
        "Grazie {name}, il tuo posto è confermato. Tra pochi istanti riceverai un'email a {email} "
        "con l'invito da aggiungere al calendario.",
        "Thank you {name}, your seat is confirmed. In a moment you will receive an email at "
        "{email} with an invite to add to your calendar.",
    ),
    "full_title": ("Posti esauriti", "Registration full"),
    "full_text": (
        "Ci dispiace, tutti i posti disponibili sono stati assegnati.",
        "Sorry, all available seats have been taken.",
    ),
    "already_title": ("Sei già iscritto", "You are already registered"),
    "already_text": (
        "L'indirizzo {email} risulta già iscritto a questo evento.",
        "The address {email} is already registered for this event.",
    ),
    "closed_title": ("Iscrizioni chiuse", "Registration closed"),
    "closed_text": (
        "Le iscrizioni a questo evento non sono aperte.",
        "Registration for this event is not open.",
    ),
    "back_to_event": ("Torna alla pagina dell'evento", "Back to the event page"),
    "seats_left": ("Posti ancora disponibili: {n}", "Seats still available: {n}"),
}
