"""The certificate of attendance as a PDF (shared/certificate_pdf.py), read back with a PDF
text extractor: who, which event, the hours and the credits, in the person's language; its
fonts embedded and PDF/A declared."""

from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from shared.certificate_pdf import certificate_pdf
from shared.contracts import CertificateIssuedV1, PersonV1, SignatoryV1

FONTS = Path(__file__).parents[2] / "node_modules/bootstrap-italia/dist/fonts/Titillium_Web"


def issued(**changes) -> CertificateIssuedV1:
    values = {
        "certificate_id": "6b1f0c1e-9c53-4a0e-8d0e-2f4a7f1d2c3b",
        "code": "ATT-7KQ4M2XDP-3F9A1C",
        "registration_id": "0b6f7d61-1111-4a0e-8d0e-2f4a7f1d2c3b",
        "event_id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        "person": PersonV1(first_name="Niccolò", last_name="Bergamaschi", email="n@comune-test.it"),
        "event_title": "Coordinare le politiche sociali all'interno dell'Area Omogenea",
        "organizer_name": "Area Omogenea Cremasca",
        "venue": "Sala Pietro da Cemmo, Centro Culturale Sant'Agostino, Crema",
        "starts_at": datetime(2024, 11, 30, 8, 0, tzinfo=UTC),
        "ends_at": datetime(2024, 11, 30, 15, 0, tzinfo=UTC),
        "minutes_attended": 190,
        "minutes_scheduled": 240,
        "credits": "4",
        "accreditation": "Evento accreditato dal CROAS Lombardia con 4 crediti formativi",
        "signatories": (
            SignatoryV1(name="Gianni Rossoni", role="Presidente dell'Area Omogenea Cremasca"),
        ),
        "verify_url": "https://convegni.example.it/certificates/ATT-7KQ4M2XDP-3F9A1C",
        "issued_at": datetime(2024, 12, 2, 10, 0, tzinfo=UTC),
    }
    return CertificateIssuedV1(**(values | changes))


def text_of(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "attestato.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(tmp_path / "attestato.pdf")
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize(
    "language, sentences",
    [
        (
            "it",
            [
                "ATTESTATO DI PARTECIPAZIONE",
                "Niccolò Bergamaschi",
                "Coordinare le politiche sociali all'interno dell'Area Omogenea",
                "tenutosi 30 novembre 2024 presso Sala Pietro da Cemmo",
                "per 3 ore e 10 minuti sulle 4 ore previste dal programma.",
                "Evento accreditato dal CROAS Lombardia con 4 crediti formativi",
                "Crediti formativi: 4",
                "Gianni Rossoni",
                "Codice di verifica: ATT-7KQ4M2XDP-3F9A1C",
            ],
        ),
        (
            "en",
            [
                "CERTIFICATE OF ATTENDANCE",
                "Niccolò Bergamaschi",
                "for 3 hours 10 minutes of the 4 hours in the programme.",
                "Training credits: 4",
                "Verification code: ATT-7KQ4M2XDP-3F9A1C",
            ],
        ),
    ],
)
def test_the_certificate_says_who_what_and_how_long_in_the_persons_language(
    language, sentences, tmp_path
):
    text = text_of(certificate_pdf(issued(language=language), fonts=FONTS), tmp_path)

    assert [sentence for sentence in sentences if sentence not in text] == []


def test_the_fonts_are_embedded_and_pdf_a_is_declared(tmp_path):
    pdf = certificate_pdf(issued(), fonts=FONTS)
    (tmp_path / "attestato.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(tmp_path / "attestato.pdf")

    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [
        fonts[name].get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for name in fonts
    ]
    assert descriptors and all("/FontFile2" in d.get_object() for d in descriptors)
    assert b"pdfaid:part" in pdf and b"GTS_PDFA1" in pdf
