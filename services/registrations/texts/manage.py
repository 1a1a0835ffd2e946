"""Texts of the manage pages, Italian then English."""

MESSAGES: dict[str, tuple[str, str]] = {
    "manage_title": ("La tua iscrizione", "Your registration"),
    "manage_status": ("Stato", "Status"),
    "manage_mode": ("Partecipazione", "Attendance"),
    "manage_mode_in_person": ("In presenza", "In person"),
    "manage_mode_online": ("Online", "Online"),
    "manage_status_confirmed": ("Iscrizione confermata", "Registration confirmed"),
    "manage_status_pending": (
        "In attesa di conferma: apri il link che ti abbiamo inviato via email entro {when}.",
        "Waiting for confirmation: open the link we emailed you by {when}.",
    ),
    "manage_status_waitlisted": (
        "In lista d'attesa, posizione {n}. Ti scriveremo se si libera un posto.",
        "On the waitlist, place {n}. We will write to you if a seat frees up.",
    ),
    "manage_status_offered": (
        "Si è liberato un posto per te: puoi accettarlo entro {when}.",
        "A seat is free for you: you can accept it until {when}.",
    ),
    "manage_status_cancelled": ("Iscrizione annullata", "Registration cancelled"),
    "manage_status_expired": (
        "Iscrizione scaduta: l'indirizzo email non è stato confermato in tempo.",
        "Registration expired: the email address was not confirmed in time.",
    ),
    "manage_status_lapsed": (
        "Iscrizione scaduta: il posto offerto non è stato accettato in tempo.",
        "Registration lapsed: the offered seat was not accepted in time.",
    ),
    "manage_at": ("{day} alle {time}", "{day} at {time}"),
    "manage_accept_offer": ("Accetta il posto", "Accept the seat"),
    "manage_ticket": ("Il tuo biglietto", "Your ticket"),
    "manage_ticket_hint": (
        "Mostra questo codice all'ingresso, sullo schermo o stampato.",
        "Show this code at the entrance, on screen or printed.",
    ),
    "manage_ticket_qr": ("Codice QR del biglietto di {name}", "Ticket QR code of {name}"),
    "manage_online_link": ("Collegamento per seguire online", "Link to attend online"),
    "manage_calendar": ("Aggiungi al calendario", "Add to your calendar"),
    "manage_download_ics": ("Scarica il file .ics", "Download the .ics file"),
    "manage_google": ("Aggiungi a Google Calendar", "Add to Google Calendar"),
    "manage_outlook": ("Aggiungi a Outlook.com", "Add to Outlook.com"),
    "manage_feed": ("Il tuo calendario personale", "Your personal calendar"),
    "manage_feed_hint": (
        "Iscriviti a questo calendario per vedere sempre tutti i convegni a cui partecipi, "
        "con gli orari aggiornati. L'indirizzo è personale: non condividerlo.",
        "Subscribe to this calendar to always see every conference you attend, with up to "
        "date times. The address is personal: do not share it.",
    ),
    "manage_feed_subscribe": ("Iscriviti dal calendario", "Subscribe in your calendar app"),
    "manage_feed_https": ("Indirizzo del calendario (https)", "Calendar address (https)"),
    "manage_switch": ("Cambia modalità di partecipazione", "Change how you attend"),
    "manage_switch_to_online": ("Partecipa online", "Attend online"),
    "manage_switch_to_in_person": ("Partecipa in presenza", "Attend in person"),
    "manage_switched": (
        "Modalità di partecipazione aggiornata.",
        "How you attend has been updated.",
    ),
    "manage_cancel": ("Annulla l'iscrizione", "Cancel the registration"),
    "manage_cancel_question": (
        "Vuoi davvero annullare l'iscrizione a questo convegno? Il posto passerà a un'altra "
        "persona.",
        "Do you really want to cancel your registration for this conference? Your seat will go "
        "to someone else.",
    ),
    "manage_cancel_yes": ("Sì, annulla l'iscrizione", "Yes, cancel my registration"),
    "manage_cancel_no": ("No, torna all'iscrizione", "No, back to my registration"),
    "manage_cancelled_text": (
        "La tua iscrizione è stata annullata. Se cambi idea puoi iscriverti di nuovo finché ci "
        "sono posti.",
        "Your registration has been cancelled. If you change your mind you can register again "
        "while seats are left.",
    ),
    "manage_register_again": ("Iscriviti di nuovo", "Register again"),
    "manage_data": ("I tuoi dati", "Your data"),
    "manage_data_download": (
        "Scarica i miei dati (JSON)",
        "Download my data (JSON)",
    ),
    "manage_back": ("Vai alla tua iscrizione", "Go to your registration"),
    "manage_confirm_title": ("Conferma la tua iscrizione", "Confirm your registration"),
    "manage_confirm_text": (
        "Premi il pulsante per confermare il tuo indirizzo email ({email}) e il tuo posto.",
        "Press the button to confirm your email address ({email}) and your seat.",
    ),
    "manage_confirm_by": (
        "Hai tempo fino a {when}: dopo, l'iscrizione decade.",
        "You have until {when}: after that, the registration lapses.",
    ),
    "manage_confirm_button": ("Confermo l'iscrizione", "Confirm my registration"),
    "manage_address_confirmed": ("Indirizzo confermato", "Address confirmed"),
    "manage_address_confirmed_text": (
        "Grazie, il tuo indirizzo email è confermato e il tuo posto è confermato.",
        "Thank you, your email address is confirmed and your seat is confirmed.",
    ),
    "manage_offer_title": ("Un posto è disponibile per te", "A seat is free for you"),
    "manage_offer_text": (
        "Si è liberato un posto. Accettalo entro {when}: dopo passerà alla persona "
        "successiva in lista d'attesa.",
        "A seat has freed up. Accept it by {when}: after that it goes to the next person on "
        "the waitlist.",
    ),
    "manage_offer_accepted": ("Posto confermato", "Seat confirmed"),
    "manage_offer_accepted_text": (
        "Hai accettato il posto: la tua iscrizione è confermata. Riceverai un'email con "
        "l'invito per il calendario.",
        "You accepted the seat: your registration is confirmed. You will receive an email "
        "with the calendar invite.",
    ),
    "manage_feed_name": ("Convegni: le mie iscrizioni", "Convegni: my registrations"),
    "manage_problem_invalid": ("Link non valido", "Link not valid"),
    "manage_problem_invalid_text": (
        "Questo link non è valido: forse è stato copiato in modo incompleto. Usa il link "
        "dell'ultima email che ti abbiamo inviato.",
        "This link is not valid: it may have been copied incompletely. Use the link in the "
        "latest email we sent you.",
    ),
    "manage_problem_expired": ("Link scaduto", "Link expired"),
    "manage_problem_expired_text": (
        "Questo link non è più valido.",
        "This link is no longer valid.",
    ),
    "manage_problem_lapsed": ("Iscrizione scaduta", "Registration lapsed"),
    "manage_problem_lapsed_text": (
        "L'indirizzo email non è stato confermato in tempo e il posto è stato liberato. "
        "Puoi iscriverti di nuovo, se ci sono ancora posti.",
        "The email address was not confirmed in time and the seat was released. You can "
        "register again, if seats are left.",
    ),
    "manage_problem_offer_lapsed": ("Offerta scaduta", "Offer no longer valid"),
    "manage_problem_offer_lapsed_text": (
        "Questa offerta di posto è scaduta o è stata sostituita da una più recente.",
        "This seat offer has lapsed or was replaced by a newer one.",
    ),
    "manage_problem_not_found": ("Iscrizione non trovata", "Registration not found"),
    "manage_problem_not_found_text": (
        "Questa iscrizione non esiste più: i dati personali vengono cancellati dopo il convegno.",
        "This registration no longer exists: personal data is erased after the conference.",
    ),
    "manage_problem_conflict": ("Operazione non possibile", "This cannot be done"),
    "manage_problem_conflict_text": (
        "La modifica non è possibile: non ci sono posti liberi nella modalità scelta, oppure "
        "l'iscrizione non è confermata.",
        "The change is not possible: no seat of that kind is free, or the registration is "
        "not confirmed.",
    ),
    "manage_problem_elsewhere": ("Modulo non valido", "Form not valid"),
    "manage_problem_elsewhere_text": (
        "Il modulo non proviene da questa pagina. Torna alla tua iscrizione e riprova.",
        "The form did not come from this page. Go back to your registration and try again.",
    ),
}
