"""Email texts rendered from Jinja2 templates in the recipient's language."""

from pathlib import Path
from typing import Any

import jinja2

from shared.ical import programme_outline
from shared.web.timefmt import TIME_FILTERS

TEMPLATES = Path(__file__).parent / "templates"

# (Italian, English) per kind; "<kind>.<variant>" where one kind needs more than one.
SUBJECTS = {
    "pending": ("Conferma il tuo indirizzo email: {title}", "Confirm your email address: {title}"),
    "confirmed": ("Iscrizione confermata: {title}", "Registration confirmed: {title}"),
    "promoted": (
        "Posto libero, iscrizione confermata: {title}",
        "A seat came free, registration confirmed: {title}",
    ),
    "waitlisted": ("Sei in lista d'attesa: {title}", "You are on the waiting list: {title}"),
    "offered": ("C'è un posto per te, accettalo: {title}", "A seat is held for you: {title}"),
    "cancelled": ("Iscrizione annullata: {title}", "Registration cancelled: {title}"),
    "cancelled.expired": ("Iscrizione scaduta: {title}", "Registration expired: {title}"),
    "cancelled.lapsed": ("Offerta del posto scaduta: {title}", "Seat offer lapsed: {title}"),
    "cancelled.event_cancelled": ("Evento annullato: {title}", "Event cancelled: {title}"),
    "mode_changed": (
        "Modalità di partecipazione cambiata: {title}",
        "Attendance mode changed: {title}",
    ),
    "rescheduled": ("Evento modificato: {title}", "Event changed: {title}"),
    "programme_changed": ("Programma aggiornato: {title}", "Programme updated: {title}"),
    "reminder": ("Promemoria: {title}", "Reminder: {title}"),
    "still_coming": ("Partecipi ancora? {title}", "Are you still coming? {title}"),
    "thanks": ("Grazie per aver partecipato: {title}", "Thank you for attending: {title}"),
}


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,  # an included part ends its last line
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(TIME_FILTERS)
    env.globals["programme_outline"] = programme_outline
    return env


_TEXT = _environment(autoescape=False)
_HTML = _environment(autoescape=True)


def subject(key: str, language: str, **values: Any) -> str:
    """The subject of `key` ("cancelled.lapsed"), else of its kind ("cancelled")."""
    texts = SUBJECTS.get(key) or SUBJECTS[key.partition(".")[0]]
    return texts[0 if language == "it" else 1].format(**values)


def render_text(kind: str, language: str, context: dict[str, Any]) -> str:
    return _TEXT.get_template(f"{kind}.{language}.txt").render(context)


def render_html(kind: str, language: str, context: dict[str, Any]) -> str:
    return _HTML.get_template(f"{kind}.{language}.html").render(context)
