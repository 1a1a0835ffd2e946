"""Registrants with plausible Italian names and unique addresses."""

from dataclasses import dataclass

FIRST = [
    "Maria",
    "Giuseppe",
    "Anna",
    "Luca",
    "Francesca",
    "Marco",
    "Chiara",
    "Paolo",
    "Elena",
    "Davide",
]
LAST = [
    "Rossi",
    "Bianchi",
    "Ferrari",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
]


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    email: str
    organization: str = "Comune di Crema"

    def form(self) -> dict[str, str]:
        """The fields exactly as the browser posts them."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "organization": self.organization,
            "privacy_consent": "on",
        }

    def json(self) -> dict[str, object]:
        return {**self.form(), "privacy_consent": True}


def people(count: int, *, tag: str = "p") -> list[Person]:
    return [
        Person(
            first_name=FIRST[i % len(FIRST)],
            last_name=LAST[(i // len(FIRST)) % len(LAST)],
            email=f"{tag}{i:03d}.{FIRST[i % len(FIRST)].lower()}@comune-test.it",
        )
        for i in range(count)
    ]
