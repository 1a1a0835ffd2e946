"""The certificate of attendance ("attestato di partecipazione") as a PDF: A4, PDF/A-2B, in
Titillium Web (the Italian public sector's typeface, from Bootstrap Italia, embedded), in the
person's language. Written from the CertificateIssuedV1 fact alone, so the email
(notifications) and the download (registrations) are the same document.

The QR code points to the public verification page; it is drawn as squares, one per dark
module (segno gives the matrix), so no image library is involved. fpdf2 and segno are imported
when the first certificate is written: a service that never writes one does not carry it.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from shared.contracts import CertificateIssuedV1

if TYPE_CHECKING:
    from fpdf import FPDF

REGULAR = "titillium-web-v10-latin-ext_latin-regular.ttf"
BOLD = "titillium-web-v10-latin-ext_latin-700.ttf"
FACE = "Titillium"
PAGE_WIDTH = 210.0  # mm, A4
MARGIN = 20.0
QR_SIDE = 32.0  # mm
LOGO_BOX = (60.0, 22.0)  # mm, width and height the logo is fitted into
SIGNATURE_HEIGHT = 14.0  # mm, the box a signature's image is fitted into, under the name
FILENAMES = {"it": "attestato.pdf", "en": "certificate.pdf"}


@dataclass(frozen=True)
class Wording:
    title: str
    certifies: str
    attended: str
    held: str  # "{when}, {where}"
    hours: str  # "{attended} of {scheduled} scheduled"
    credits: str  # "{credits}"
    verify: str  # "{url}"
    code: str  # "{code}"
    issued: str  # "{day}"
    months: tuple[str, ...]


WORDING = {
    "it": Wording(
        title="ATTESTATO DI PARTECIPAZIONE",
        certifies="Si attesta che",
        attended="ha partecipato al convegno",
        held="tenutosi {when} presso {where}",
        hours="per {attended} sulle {scheduled} previste dal programma.",
        credits="Crediti formativi: {credits}",
        verify="Verifica l'autenticità di questo attestato: {url}",
        code="Codice di verifica: {code}",
        issued="Rilasciato il {day}",
        months=tuple(
            "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
            "novembre dicembre".split()
        ),
    ),
    "en": Wording(
        title="CERTIFICATE OF ATTENDANCE",
        certifies="This is to certify that",
        attended="attended the conference",
        held="held {when} at {where}",
        hours="for {attended} of the {scheduled} in the programme.",
        credits="Training credits: {credits}",
        verify="Check that this certificate is genuine: {url}",
        code="Verification code: {code}",
        issued="Issued on {day}",
        months=tuple(
            "January February March April May June July August September October November "
            "December".split()
        ),
    ),
}


def fonts_in(assets_dir: str | Path) -> Path:
    """The folder of Titillium Web's files in Bootstrap Italia's dist (ASSETS_DIR)."""
    return Path(assets_dir) / "fonts" / "Titillium_Web"


def filename(language: str) -> str:
    """The PDF's file name in the person's language."""
    return FILENAMES.get(language, FILENAMES["it"])


def certificate_pdf(
    fact: CertificateIssuedV1, *, fonts: Path, images: Mapping[str, bytes] | None = None
) -> bytes:
    """The certificate as PDF bytes; `fonts` is the folder of Titillium Web's TTF files,
    `images` the logo and signatures the fact names, by digest (one missing is left out)."""
    images = images or {}
    from fpdf import FPDF  # only when a certificate is written (see the module's docstring)

    words = WORDING.get(fact.language, WORDING["it"])
    pdf = FPDF(format="A4", enforce_compliance="PDF/A-2B")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=False)
    pdf.set_lang(fact.language)
    pdf.set_title(f"{words.title}: {fact.person.first_name} {fact.person.last_name}")
    pdf.set_author(fact.organizer_name)
    pdf.set_creator("convegni")
    pdf.add_font(FACE, "", str(fonts / REGULAR))
    pdf.add_font(FACE, "B", str(fonts / BOLD))
    pdf.add_page()
    top = _logo(pdf, images.get(fact.logo or ""))
    _body(pdf, fact, words, top=top)
    _signatures(pdf, fact, images)
    _verification(pdf, fact, words)
    return bytes(pdf.output())


def _line(pdf: "FPDF", text: str, size: float, *, bold: bool = False, gap: float = 4) -> None:
    pdf.set_font(FACE, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _logo(pdf: "FPDF", image: bytes | None) -> float:
    """The organization's logo centred at the top; where the text begins under it."""
    if image is None:
        return MARGIN + 5
    width, height = LOGO_BOX
    _fitted(pdf, image, ((PAGE_WIDTH - width) / 2, MARGIN, width, height), "Logo")
    return MARGIN + height + 6


def _body(pdf: "FPDF", fact: CertificateIssuedV1, words: Wording, *, top: float) -> None:
    zone = ZoneInfo(fact.timezone)
    pdf.set_y(top)
    _line(pdf, fact.organizer_name, 13, bold=True, gap=18)
    _line(pdf, words.title, 24, bold=True, gap=14)
    _line(pdf, words.certifies, 13)
    _line(pdf, f"{fact.person.first_name} {fact.person.last_name}", 22, bold=True, gap=6)
    _line(pdf, words.attended, 13)
    _line(pdf, fact.event_title, 16, bold=True, gap=6)
    when = _days(fact.starts_at.astimezone(zone), fact.ends_at.astimezone(zone), words)
    _line(pdf, words.held.format(when=when, where=fact.venue), 12)
    hours = words.hours.format(
        attended=duration(fact.minutes_attended, fact.language),
        scheduled=duration(fact.minutes_scheduled, fact.language),
    )
    _line(pdf, hours, 13, bold=True, gap=8)
    if fact.accreditation:
        _line(pdf, fact.accreditation, 12)
    if fact.credits:
        _line(pdf, words.credits.format(credits=fact.credits), 12, bold=True)
    issued = fact.issued_at.astimezone(zone)
    _line(pdf, words.issued.format(day=_day(issued, words)), 11, gap=10)


def _signatures(pdf: "FPDF", fact: CertificateIssuedV1, images: Mapping[str, bytes]) -> None:
    signatories = fact.signatories[:3]
    if not signatories:
        return
    width = (PAGE_WIDTH - 2 * MARGIN) / len(signatories)
    top = pdf.get_y()
    for column, signatory in enumerate(signatories):
        pdf.set_xy(MARGIN + column * width, top)
        pdf.set_font(FACE, "", 10)
        pdf.multi_cell(width, 5, signatory.role, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font(FACE, "B", 11)
        pdf.multi_cell(width, 5, signatory.name, align="C", new_x="LEFT", new_y="NEXT")
        signed = images.get(signatory.signature or "")
        if signed is not None:
            box = (pdf.get_x() + 5, pdf.get_y() + 1, width - 10, SIGNATURE_HEIGHT)
            _fitted(pdf, signed, box, signatory.name)


def _fitted(pdf: "FPDF", image: bytes, box: tuple[float, float, float, float], alt: str) -> None:
    """An image fitted into (x, y, width, height), its proportions kept, centred."""
    x, y, width, height = box
    pdf.image(BytesIO(image), x=x, y=y, w=width, h=height, keep_aspect_ratio=True, alt_text=alt)


def _verification(pdf: "FPDF", fact: CertificateIssuedV1, words: Wording) -> None:
    top = 297.0 - MARGIN - QR_SIDE
    _qr(pdf, fact.verify_url, x=MARGIN, y=top, side=QR_SIDE)
    pdf.set_xy(MARGIN + QR_SIDE + 6, top + 4)
    width = PAGE_WIDTH - 2 * MARGIN - QR_SIDE - 6
    pdf.set_font(FACE, "", 9)
    pdf.multi_cell(width, 4.5, words.verify.format(url=fact.verify_url), align="L")
    pdf.set_x(MARGIN + QR_SIDE + 6)
    pdf.set_font(FACE, "B", 10)
    pdf.multi_cell(width, 5, words.code.format(code=fact.code), align="L")


def _qr(pdf: "FPDF", url: str, *, x: float, y: float, side: float) -> None:
    """The QR code of `url` as filled squares (with the quiet zone the standard asks)."""
    import segno  # with fpdf2, only once a certificate is written

    matrix = segno.make(url, error="m").matrix
    module = side / (len(matrix) + 8)
    pdf.set_fill_color(0, 0, 0)
    for row, column in _dark(matrix):
        pdf.rect(x + (column + 4) * module, y + (row + 4) * module, module, module, style="F")


def _dark(matrix: Any) -> Iterator[tuple[int, int]]:
    for row, modules in enumerate(matrix):
        for column, dark in enumerate(modules):
            if dark:
                yield row, column


def _days(starts: Any, ends: Any, words: Wording) -> str:
    if starts.date() == ends.date():
        return _day(starts, words)
    return f"{_day(starts, words)} - {_day(ends, words)}"


def _day(at: Any, words: Wording) -> str:
    return f"{at.day} {words.months[at.month - 1]} {at.year}"


def duration(minutes: int, language: str) -> str:
    """'3 ore e 10 minuti' / '3 hours 10 minutes'."""
    hours, rest = divmod(minutes, 60)
    if language == "en":
        parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
        parts += [f"{rest} minute{'s' if rest != 1 else ''}"] if rest else []
        return " ".join(parts) or "0 minutes"
    parts = [f"{hours} or{'e' if hours != 1 else 'a'}"] if hours else []
    parts += [f"{rest} minut{'i' if rest != 1 else 'o'}"] if rest else []
    return " e ".join(parts) or "0 minuti"
