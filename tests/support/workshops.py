"""A two-day assembly with parallel workshops, as ANCI Lombardia runs its regional forums: a
plenary, then three "tavoli di lavoro" side by side, each in its room, of its track, with 30
seats; lunch for everyone; on the second day the tables report back. The people and the
place are those of ANCI Lombardia's seminar on the Area Omogenea (tests' fixtures); the
tables' themes are the seminar's."""

import uuid
from datetime import date, timedelta
from typing import Any

TRACKS = [
    {"name": "Welfare di comunità", "colour": "#0066cc"},
    {"name": "Servizi associati", "colour": "#008055"},
    {"name": "Transizione digitale", "colour": "#a61c3c"},
]
ROOMS = ("Sala Consiglio", "Sala Giunta", "Sala Biblioteca")
WORKSHOPS = (
    ("Tavolo 1: i servizi sociali d'ambito", "Maurizio Cabras"),
    ("Tavolo 2: la gestione associata delle funzioni", "Francesco Severgnini"),
    ("Tavolo 3: i servizi digitali dei Comuni", "Bruno Garatti"),
)
SEATS = 30


def _at(day: date, clock: str) -> str:
    return f"{day.isoformat()}T{clock}:00"


def _workshops(day: date, starts: str, ends: str, round_: str) -> list[dict[str, Any]]:
    return [
        {
            "kind": "workshop",
            "title": f"{title} ({round_})",
            "room": room,
            "track": track["name"],
            "seats": SEATS,
            "starts_at": _at(day, starts),
            "ends_at": _at(day, ends),
            "speakers": [
                {"name": moderator, "organization": "ANCI Lombardia", "role": "moderator"}
            ],
        }
        for (title, moderator), room, track in zip(WORKSHOPS, ROOMS, TRACKS, strict=True)
    ]


def assembly(first_day: date) -> dict[str, Any]:
    """The organizer API's payload: two days from `first_day`, a unique slug."""
    second_day = first_day + timedelta(days=1)
    return {
        "slug": f"assemblea-tavoli-{uuid.uuid4().hex[:6]}",
        "title": "Assemblea regionale: l'Area Omogenea e la collaborazione tra Enti locali",
        "timezone": "Europe/Rome",
        "starts_at": _at(first_day, "09:30"),
        "ends_at": _at(second_day, "13:00"),
        "venue": {
            "name": "Sede ANCI Lombardia",
            "address": "via Rovello 2",
            "city": "Milano",
            "rooms": list(ROOMS),
        },
        "capacity": 90,
        "tracks": TRACKS,
        "programme": [
            {
                "kind": "opening",
                "title": "Lo stato attuale della governance sovralocale in Lombardia",
                "starts_at": _at(first_day, "09:30"),
                "ends_at": _at(first_day, "11:00"),
                "speakers": [
                    {
                        "name": "Elena di Carpegna Brivio",
                        "position": "Ricercatrice, Università di Milano Bicocca",
                    }
                ],
            },
            *_workshops(first_day, "11:15", "13:00", "prima sessione"),
            {
                "kind": "lunch",
                "title": "Pranzo",
                "starts_at": _at(first_day, "13:00"),
                "ends_at": _at(first_day, "14:00"),
            },
            *_workshops(first_day, "14:00", "16:00", "seconda sessione"),
            {
                "kind": "section",
                "title": "Restituzione dei tavoli",
                "items": [
                    {
                        "kind": "talk",
                        "title": "Quello che i tavoli hanno proposto",
                        "starts_at": _at(second_day, "09:30"),
                        "ends_at": _at(second_day, "11:30"),
                        "speakers": [
                            {
                                "name": "Gianni Rossoni",
                                "position": "Sindaco di Offanengo e presidente dell'Area "
                                "omogenea Cremasca",
                            }
                        ],
                    },
                    {
                        "kind": "debate",
                        "title": "Dibattito aperto tra i partecipanti",
                        "starts_at": _at(second_day, "11:30"),
                        "ends_at": _at(second_day, "13:00"),
                    },
                ],
            },
        ],
    }
