"""Texts of the registration form and its outcome pages, Italian then English."""

FORM: dict[str, tuple[str, str]] = {
    "register_title": ("Iscrizione", "Registration"),
    "form_intro": (
        "Compila il modulo per iscriverti. I campi con * sono obbligatori.",
        "Fill in the form to register. Fields marked * are required.",
    ),
    "about_you": ("I tuoi dati", "About you"),
    "first_name": ("Nome", "First name"),
    "last_name": ("Cognome", "Last name"),
    "email": ("Email", "Email"),
    "email_hint": (
        "Riceverai qui la conferma e l'invito per il calendario.",
        "You will receive the confirmation and the calendar invite here.",
    ),
    "phone": ("Telefono", "Phone"),
    "organization": ("Ente o organizzazione", "Organization or municipality"),
    "role": ("Ruolo o incarico", "Role or position"),
    "mode": ("Modalità di partecipazione", "How you will attend"),
    "mode_in_person": ("In presenza, in sala", "In person, in the room"),
    "mode_online": ("Online, in collegamento", "Online, remotely"),
    "questions_heading": ("Domande degli organizzatori", "Questions from the organizers"),
    "yes": ("Sì", "Yes"),
    "no": ("No", "No"),
    "accessibility": ("Esigenze di accessibilità", "Accessibility needs"),
    "accessibility_hint": (
        "Facoltativo: ci aiuta a prepararci per accoglierti.",
        "Optional: it helps us get ready to welcome you.",
    ),
    "need_sign_language": ("Interprete LIS (lingua dei segni)", "Sign-language interpreter"),
    "need_wheelchair": ("Accesso in sedia a ruote", "Wheelchair access"),
    "need_hearing_loop": ("Anello a induzione magnetica", "Hearing loop"),
    "need_other": ("Altro", "Other"),
    "accessibility_other": ("Descrivi le altre esigenze", "Describe your other needs"),
    "privacy_legend": ("Privacy e consensi", "Privacy and consent"),
    "privacy_notice_link": ("Leggi l'informativa privacy", "Read the privacy notice"),
    "new_window": ("si apre in una nuova finestra", "opens in a new window"),
    "privacy_notice_version": ("versione {version}", "version {version}"),
    "privacy_consent": (
        "Ho letto l'informativa sul trattamento dei dati personali e acconsento al trattamento "
        "per la gestione dell'iscrizione.",
        "I have read the privacy notice and agree to the processing of my data to manage my "
        "registration.",
    ),
    "marketing_consent": (
        "Desidero ricevere comunicazioni sui prossimi eventi degli organizzatori (facoltativo).",
        "I would like to hear about the organizers' future events (optional).",
    ),
    "honeypot_label": ("Lascia vuoto questo campo", "Leave this field empty"),
    "submit": ("Iscriviti", "Register"),
    "seats_left_in_person": (
        "Posti in sala ancora disponibili: {n}.",
        "Seats left in the room: {n}.",
    ),
    "seats_left_online": ("Posti online ancora disponibili: {n}.", "Online places left: {n}."),
    "notice_waitlist": (
        "I posti sono esauriti: iscrivendoti entrerai in lista d'attesa e ti scriveremo se si "
        "libera un posto.",
        "All seats are taken: if you register you join the waitlist, and we will write to you "
        "if a seat frees up.",
    ),
    "notice_room_full_online": (
        "La sala è al completo, ma puoi ancora partecipare online.",
        "The room is full, but you can still attend online.",
    ),
    "too_many_text": (
        "Hai inviato il modulo troppe volte in poco tempo. Riprova tra {seconds} secondi: i dati "
        "inseriti sono stati conservati.",
        "The form was sent too many times in a short while. Try again in {seconds} seconds: "
        "what you typed has been kept.",
    ),
}

ERRORS: dict[str, tuple[str, str]] = {
    "error_prefix": ("Errore:", "Error:"),
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
    "error_phone_invalid": (
        "Numero di telefono non valido, ad esempio +39 0373 123456",
        "Not a valid phone number, for example +39 0373 123456",
    ),
    "error_consent_required": (
        "Per iscriverti devi accettare l'informativa privacy",
        "You must accept the privacy notice to register",
    ),
    "error_mode_invalid": ("Scegli una delle modalità proposte", "Choose one of the ways given"),
    "error_choice_invalid": ("Scegli tra le risposte proposte", "Choose among the answers given"),
}

OUTCOMES: dict[str, tuple[str, str]] = {
    "confirmed_title": ("Iscrizione confermata", "Registration confirmed"),
    "confirmed_text": (
        "Grazie {name}, il tuo posto è confermato. Tra pochi istanti riceverai un'email a {email} "
        "con l'invito da aggiungere al calendario.",
        "Thank you {name}, your seat is confirmed. In a moment you will receive an email at "
        "{email} with an invite to add to your calendar.",
    ),
    "confirmed_online_title": ("Iscrizione online confermata", "Online registration confirmed"),
    "confirmed_online_text": (
        "Grazie {name}, parteciperai online. Riceverai a {email} l'invito per il calendario; il "
        "link per collegarti arriverà per email.",
        "Thank you {name}, you will attend online. You will receive the calendar invite at "
        "{email}; the link to join will come by email.",
    ),
    "pending_title": ("Controlla la tua email", "Check your email"),
    "pending_text": (
        "Ti abbiamo scritto a {email}: apri il link nell'email entro {deadline} per confermare "
        "l'iscrizione. Fino ad allora il posto resta riservato a te.",
        "We have written to {email}: follow the link in that email before {deadline} to confirm "
        "your registration. Until then the seat is kept for you.",
    ),
    "waitlisted_title": ("Sei in lista d'attesa", "You are on the waitlist"),
    "waitlisted_text": (
        "Sei il numero {place} in lista d'attesa. Se si libera un posto ti scriveremo a {email}.",
        "You are number {place} on the waitlist. If a seat frees up we will write to {email}.",
    ),
    "waitlist_place": (
        "Sei il numero {place} in lista d'attesa.",
        "You are number {place} on the waitlist.",
    ),
    "already_title": ("Sei già iscritto", "You are already registered"),
    "already_text": (
        "L'indirizzo {email} risulta già iscritto a questo evento: ti abbiamo inviato di nuovo "
        "l'email di conferma.",
        "The address {email} is already registered for this event: we have sent the "
        "confirmation again.",
    ),
    "choice_title": ("La sala è al completo", "The room is full"),
    "choice_text": (
        "Non ci sono più posti in sala, ma puoi ancora partecipare online. Oppure mettiti in lista "
        "d'attesa per un posto in sala: ti scriveremo se se ne libera uno.",
        "There are no seats left in the room, but you can still attend online. Or join the "
        "waitlist for a seat in the room: we will write to you if one frees up.",
    ),
    "choose_online": ("Partecipa online", "Attend online"),
    "choose_waitlist": ("Mettiti in lista d'attesa per la sala", "Join the waitlist for the room"),
    "full_title": ("Posti esauriti", "Registration full"),
    "full_text": (
        "Ci dispiace, tutti i posti disponibili sono stati assegnati.",
        "Sorry, all available seats have been taken.",
    ),
    "closed_title": ("Iscrizioni chiuse", "Registration closed"),
    "closed_text": (
        "Le iscrizioni a questo evento non sono aperte.",
        "Registration for this event is not open.",
    ),
    "not_yet_open_title": ("Iscrizioni non ancora aperte", "Registration not open yet"),
    "not_yet_open_text": (
        "Le iscrizioni a questo evento non sono ancora aperte: torna più avanti.",
        "Registration for this event has not opened yet: please come back later.",
    ),
    "cancelled_title": ("Evento annullato", "Event cancelled"),
    "cancelled_text": (
        "Questo evento è stato annullato e non accetta iscrizioni.",
        "This event has been cancelled and takes no registrations.",
    ),
    "expired_title": ("Modulo scaduto", "Form expired"),
    "expired_text": (
        "Non abbiamo potuto accettare l'invio: il modulo è scaduto o è stato aperto altrove. "
        "Riapri il modulo e invialo di nuovo (il browser deve accettare i cookie tecnici).",
        "We could not accept this submission: the form has expired or was opened elsewhere. "
        "Open the form again and send it (your browser must accept this site's cookies).",
    ),
    "rejected_title": ("Invio non accettato", "Submission not accepted"),
    "rejected_text": (
        "Non abbiamo potuto accettare l'invio. Riapri il modulo e riprova.",
        "We could not accept this submission. Open the form again and retry.",
    ),
    "back_to_event": ("Torna alla pagina dell'evento", "Back to the event page"),
    "back_to_form": ("Torna al modulo", "Back to the form"),
}

MESSAGES: dict[str, tuple[str, str]] = {**FORM, **ERRORS, **OUTCOMES}
