"""An email as the bytes SMTP carries, written once: headers folded by headers.py, bodies in
quoted-printable (text, HTML) or base64 (the invite), CRLF line ends, nothing 8-bit outside
an address that needs SMTPUTF8.

Python's `email` package builds a tree of parts, encodes each body when it is set, and
encodes again when the tree is flattened (aiosmtplib flattens before sending); here each
part is encoded once, into the bytes the Mailer sends as they are.
"""

import base64
import binascii
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from email.headerregistry import Address
from email.policy import SMTP, SMTPUTF8
from typing import Literal

from services.notifications.formats.bodies import Bodies
from services.notifications.formats.headers import POLICY, plain_to

# Folded as SMTP wants: CRLF, 78 characters; SMTPUTF8 keeps an address that is not ASCII.
WIRE = POLICY.clone(linesep=SMTP.linesep, max_line_length=SMTP.max_line_length)
WIRE_UTF8 = WIRE.clone(utf8=SMTPUTF8.utf8)
CRLF = b"\r\n"
ATTACHMENT_NAMES = {"REQUEST": "invito.ics", "CANCEL": "annullamento.ics"}

InviteMethod = Literal["REQUEST", "CANCEL"]


@dataclass(frozen=True)
class Attached:
    """A file an email carries: its type, its (ASCII) name and its bytes."""

    content_type: str
    filename: str
    data: bytes


@dataclass(frozen=True)
class Draft:
    """An email before it is written out: its headers (folded, CRLF), its bodies, the invite
    it carries (its method and the calendar), if any, and the files attached."""

    headers: tuple[bytes, ...]
    bodies: Bodies
    invite: tuple[InviteMethod, bytes] | None = None
    files: tuple[Attached, ...] = ()


@dataclass(frozen=True)
class Part:
    """One MIME entity: its header lines (each ending in CRLF) and its encoded body."""

    headers: bytes
    body: bytes


def header(name: str, value: object, *, utf8: bool = False) -> bytes:
    """One header, folded by the header class the composer's policy gives its name."""
    policy = WIRE_UTF8 if utf8 else WIRE
    folded: str = policy.header_factory(name, value).fold(policy=policy)
    return folded.encode("utf-8" if utf8 else "ascii")


def to_header(name: str, email: str) -> bytes:
    """The To header: written at once when it can be (headers.plain_to), else folded."""
    plain = plain_to(name, email, WIRE)
    if plain is not None:
        return plain.encode("ascii")
    return header("To", Address(name, addr_spec=email), utf8=not email.isascii())


def raw_header(name: str, value: str) -> bytes:
    """A header whose value is plain ASCII already on one line (Date, Message-ID)."""
    if not value.isascii() or "\r" in value or "\n" in value:
        raise ValueError(f"{name} must be one line of ASCII: {value!r}")
    return f"{name}: {value}\r\n".encode("ascii")


def text_part(text: str, subtype: str) -> Part:
    """Text or HTML in UTF-8, quoted-printable: readable, and 7-bit safe on any server."""
    # Every line end as LF first: a lone CR would pass quoted-printable as it is.
    body = text.replace("\r\n", "\n").replace("\r", "\n").encode()
    encoded = binascii.b2a_qp(body, istext=True).replace(b"\n", CRLF)
    headers = (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n"
    )
    return Part(headers.encode(), encoded if encoded.endswith(CRLF) else encoded + CRLF)


def base64_body(data: bytes) -> bytes:
    """`data` in base64 lines of 76 characters, CRLF after each."""
    return base64.encodebytes(data).replace(b"\n", CRLF)


def calendar_part(encoded: bytes, method: str) -> Part:
    """The invite a calendar client acts on: `method=` the METHOD inside (Outlook checks)."""
    headers = (
        f'Content-Type: text/calendar; charset="utf-8"; method="{method}"\r\n'
        "Content-Transfer-Encoding: base64\r\n"
    )
    return Part(headers.encode(), encoded)


def attachment(encoded: bytes, *, content_type: str, filename: str) -> Part:
    headers = (
        f"Content-Type: {content_type}\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        f'Content-Disposition: attachment; filename="{filename}"\r\n'
    )
    return Part(headers.encode(), encoded)


def multipart(subtype: str, parts: Iterable[Part]) -> Part:
    """Parts under one boundary; a random one, which quoted-printable and base64 bodies
    cannot contain ('=_' is never a QP escape, '_' never base64)."""
    boundary = f"=_{secrets.token_hex(12)}"
    chunks = [b"--" + boundary.encode() + CRLF + part.headers + CRLF + part.body for part in parts]
    body = b"".join(chunks) + b"--" + boundary.encode() + b"--" + CRLF
    headers = f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n'
    return Part(headers.encode(), body)


def message(headers: Iterable[bytes], root: Part) -> bytes:
    """The whole email: the message's headers, MIME-Version, then the root part."""
    return b"".join([*headers, b"MIME-Version: 1.0\r\n", root.headers, CRLF, root.body])


def written(draft: Draft) -> bytes:
    """The draft as SMTP carries it: text and HTML as alternatives; with an invite, the
    calendar as a third alternative and the same bytes again as an .ics attachment; then
    the files."""
    alternatives = [text_part(draft.bodies.text, "plain"), text_part(draft.bodies.html, "html")]
    attached = [
        attachment(base64_body(file.data), content_type=file.content_type, filename=file.filename)
        for file in draft.files
    ]
    if draft.invite is not None:
        method, calendar = draft.invite
        encoded = base64_body(calendar)  # once, for both copies
        alternatives.append(calendar_part(encoded, method))
        ics = attachment(encoded, content_type="application/ics", filename=ATTACHMENT_NAMES[method])
        attached.insert(0, ics)
    body = multipart("alternative", alternatives)
    if not attached:
        return message(draft.headers, body)
    return message(draft.headers, multipart("mixed", [body, *attached]))
