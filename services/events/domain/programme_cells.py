"""One cell of a programme spreadsheet read as what its column holds: a day, a time of day,
a kind, people, text. A cell comes as the file gives it: text from a CSV, a number, a date or
a time from Excel. What cannot be read raises `Unreadable` with the catalog key saying why.

The words the cells take (kinds, roles, honorifics) are the import's format, written out
here and in docs/programme-import.md rather than taken from the catalogs: a translator who
rewords a label must not change which files can be read.
"""

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from pydantic import ValidationError

from services.events.domain.inputs import ItemSpeakerIn
from shared.catalogs import N_

Cell = str | int | float | bool | date | time | None

# Each kind, then the words a cell may say for it: the Italian and the English word the
# template writes (the console's labels), then others people write.
KIND_WORDS: Mapping[str, tuple[str, ...]] = {
    "registration": ("registrazione", "registration", "accoglienza", "accredito", "check-in"),
    "welcome_coffee": ("welcome coffee", "welcome coffee", "caffè di benvenuto"),
    "opening": ("apertura lavori", "opening", "apertura", "introduzione"),
    "greetings": ("saluti istituzionali", "greetings", "saluti", "welcome"),
    "talk": ("intervento", "talk", "relazione"),
    "panel": ("tavola rotonda", "panel"),
    "break": ("pausa", "break", "coffee break", "pausa caffè"),
    "lunch": ("pranzo", "lunch", "light lunch"),
    "debate": ("dibattito", "debate", "domande", "q&a"),
    "workshop": ("laboratorio", "workshop", "tavolo di lavoro"),
    "section": ("sessione", "section", "sezione", "session"),
    "closing": ("chiusura lavori", "closing", "chiusura", "conclusioni"),
    "other": ("altro", "other"),
}
ROLE_WORDS: Mapping[str, tuple[str, ...]] = {
    "speaker": ("relatore", "speaker", "relatrice", "interviene"),
    "moderator": ("modera", "moderator", "moderatore", "moderatrice"),
    "chair": ("presiede", "chair", "presidente"),
    "respondent": ("discussant", "respondent"),
    "invited": ("invitato", "invited", "invitata"),
}
# Honorifics written before a name: a word of two letters or more and a dot, maybe with more
# letters after it ("Dott.", "Dott.ssa", "Sig.ra", "On."), or one of these.
HONORIFICS = ("don", "suor", "padre", "mons")
LANGUAGES = ("it", "en")  # the template's languages, in the order of the words above
PEOPLE_APART = re.compile(r"[\n;]")  # one person a line, or separated by ';'
PARTS_APART = "|"  # name | position | organization
_DOTTED = re.compile(r"^[^\W\d_]{2,}\.(?:[^\W\d_]+\.?)?$")
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.,h](\d{2}))?(?::(\d{2}))?$")
_DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y", "%d.%m.%y")

NOT_A_DAY = N_("import_error_day")
NOT_A_TIME = N_("import_error_time")
NOT_A_KIND = N_("import_error_kind")
NOT_A_ROLE = N_("import_error_role")
TOO_MANY_PARTS = N_("import_error_person_parts")
NO_NAME = N_("import_error_person_name")
PERSON_INVALID = N_("import_error_person")
NOT_A_NUMBER = N_("import_error_number")


class Unreadable(ValueError):
    """A cell that does not say what its column holds; `key` names the text saying why."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def folded(words: str) -> str:
    """Words compared as people read them: 'Tavola  Rotonda ' is 'tavola rotonda'."""
    return " ".join(words.replace("_", " ").split()).casefold()


def text(cell: Cell) -> str | None:
    """The cell as text (a number as written: 12, not 12.0); None when blank."""
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime | date | time):
        cell = cell.isoformat()
    said = str(cell).strip()
    return said or None


def line(cell: Cell) -> str | None:
    """The cell as one line of text: a line break typed in a cell is a space."""
    said = text(cell)
    return " ".join(said.split()) if said else None


def day(cell: Cell) -> date | None:
    """A day: an Excel date, or 2026-11-30, 30/11/2026, 30.11.26 ..."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    said = text(cell)
    if said is None:
        return None
    for shape in _DAY_FORMATS:
        try:
            return datetime.strptime(said, shape).date()
        except ValueError:
            continue
    raise Unreadable(NOT_A_DAY, value=said)


def clock(cell: Cell) -> time | None:
    """A time of day: an Excel time (or the fraction of a day it is), or 9:30, 09.30, 9."""
    if isinstance(cell, datetime):
        return cell.time().replace(second=0, microsecond=0)
    if isinstance(cell, time):
        return cell.replace(second=0, microsecond=0)
    if isinstance(cell, float | int) and not isinstance(cell, bool) and 0 <= cell < 1:
        minutes = round(cell * 24 * 60)
        return (datetime.min + timedelta(minutes=minutes)).time()
    said = text(cell)
    if said is None:
        return None
    found = _CLOCK.match(said)
    if found is None or int(found[1]) > 23 or int(found[2] or 0) > 59:
        raise Unreadable(NOT_A_TIME, value=said)
    return time(int(found[1]), int(found[2] or 0))


_KINDS = {folded(word): kind for kind, words in KIND_WORDS.items() for word in (kind, *words)}
_ROLES = {folded(word): role for role, words in ROLE_WORDS.items() for word in (role, *words)}


def kind(cell: Cell) -> str | None:
    """A kind of item, by its code or one of its words; None when blank (a talk)."""
    said = text(cell)
    if said is None:
        return None
    found = _KINDS.get(folded(said))
    if found is None:
        raise Unreadable(NOT_A_KIND, value=said)
    return found


def count(cell: Cell) -> int | None:
    """A whole number of at least 1 (seats); None when blank."""
    said = text(cell)
    if said is None:
        return None
    if not said.isdigit() or int(said) < 1:
        raise Unreadable(NOT_A_NUMBER, value=said)
    return int(said)


def people(cell: Cell) -> list[ItemSpeakerIn] | None:
    """People on an item, one a line (or separated by ';'), each written
    `[role:] [honorific] name [| position [| organization]]`: "modera: Dott. Mario Rossi |
    Sindaco | Comune di Crema". Without a role, a speaker."""
    said = text(cell)
    if said is None:
        return None
    return [_person(entry.strip()) for entry in PEOPLE_APART.split(said) if entry.strip()]


def _person(entry: str) -> ItemSpeakerIn:
    parts = [part.strip() for part in entry.split(PARTS_APART)]
    if len(parts) > 3:
        raise Unreadable(TOO_MANY_PARTS, value=entry)
    role, name = _role(parts[0])
    honorific, name = _honorific(name)
    if not name:
        raise Unreadable(NO_NAME, value=entry)
    position, organization = (parts[1:] + [""] * 2)[:2]
    try:
        return ItemSpeakerIn(
            name=name,
            honorific=honorific,
            position=position or None,
            organization=organization or None,
            role=role,
        )
    except ValidationError as invalid:
        raise Unreadable(PERSON_INVALID, value=entry) from invalid


def _role(written: str) -> tuple[str, str]:
    """('moderator', 'Mario Rossi') from 'modera: Mario Rossi'; a speaker without a role."""
    word, colon, rest = written.partition(":")
    if not colon:
        return "speaker", written
    role = _ROLES.get(folded(word))
    if role is None:
        raise Unreadable(NOT_A_ROLE, value=word.strip())
    return role, rest.strip()


def _honorific(name: str) -> tuple[str | None, str]:
    """('Dott.ssa', 'Francesca Moruzzi') from 'Dott.ssa Francesca Moruzzi'."""
    first, _, rest = name.partition(" ")
    known = _DOTTED.match(first) or folded(first) in HONORIFICS
    if rest.strip() and known:
        return first, rest.strip()
    return None, name


def word(words: Mapping[str, tuple[str, ...]], code: str, language: str) -> str:
    """The word the template writes for a kind or a role ('intervento', 'talk'); the code
    itself for one this format has no words for."""
    if code not in words:
        return code
    return words[code][LANGUAGES.index(language) if language in LANGUAGES else 0]


def person_written(
    language: str,
    name: str,
    role: str,
    honorific: str | None = None,
    position: str | None = None,
    organization: str | None = None,
) -> str:
    """A person as `people` reads them back: the template's way of writing one."""
    said = f"{honorific} {name}" if honorific else name
    if role != "speaker":
        said = f"{word(ROLE_WORDS, role, language)}: {said}"
    tail = [position or "", organization or ""]
    while tail and not tail[-1]:
        tail.pop()
    return " | ".join([said, *tail])
