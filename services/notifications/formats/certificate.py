"""The emails of a certificate of attendance: the one that brings it (how long the person
attended, the credits, where to verify it and to download it again, and the PDF itself,
written from the certificate fact the delivery keeps: shared/certificate_pdf.py, the same
document the person downloads from their page), the one that asks for the feedback
questionnaire the certificate waits for, and the one that says why there is none."""

from dataclasses import replace

from services.notifications.formats.letter import Outgoing, message
from services.notifications.formats.mime import Attached, Draft
from shared.certificate_pdf import certificate_pdf, duration, filename
from shared.contracts import CertificateIssuedV1


def compose_certificate(out: Outgoing) -> Draft:
    """The certificate attached as PDF; without the typeface's folder it cannot be written."""
    if out.fonts is None:
        raise ValueError("a certificate email needs the fonts folder (ASSETS_DIR)")
    fact = CertificateIssuedV1.model_validate(out.facts)
    context = {
        "manage_url": None,  # the download link says what the manage link would
        "attended": duration(fact.minutes_attended, fact.language),
        "scheduled": duration(fact.minutes_scheduled, fact.language),
        "credits": fact.credits,
        "verify_url": fact.verify_url,
        "download_url": fact.download_url,
        "code": fact.code,
    }
    pdf = Attached(
        "application/pdf",
        filename(fact.language),
        certificate_pdf(fact, fonts=out.fonts, images=out.images),
    )
    return replace(message(out, context), files=(pdf,))


def compose_questionnaire(out: Outgoing) -> Draft:
    """The certificate is ready once the person answers the questionnaire: where to."""
    url = out.facts["questionnaire_url"]
    return message(out, {"manage_url": None, "questionnaire_url": url})


def compose_shortfall(out: Outgoing) -> Draft:
    """No certificate: the minutes recorded, of how many, and the minimum; who to tell if
    the record is wrong."""
    facts = out.facts
    language = out.letter.language
    context = {
        "manage_url": None,
        "attended": duration(facts["minutes_attended"], language),
        "scheduled": duration(facts["minutes_scheduled"], language),
        "minimum": f"{facts['minimum_share'] * 100:g}",
    }
    return message(out, context)
