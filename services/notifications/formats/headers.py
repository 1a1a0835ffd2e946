"""Subject and To headers that read back exactly as written, however long the title or name.

CPython 3.11 folds long headers wrongly in three ways: a Subject that would fit a line of its
own goes whole to the next line and is read back with a leading space; a space between two
encoded words is lost ("unita è" comes back "unitaè"); and a long display name with <, > or
quotes loses its quoting, so `<b>Mario</b> ...` reads back as another address. These headers
fold themselves: plain words where the text is plain, else UTF-8 encoded words (RFC 2047)
that carry their own spaces, at most 78 characters a line.
"""

import base64
import re
from email.headerregistry import (
    HeaderRegistry,
    UniqueAddressHeader,
    UniqueUnstructuredHeader,
)
from email.policy import Policy, default

CHUNK_BYTES = 42  # 56 base64 characters: a 68-character encoded word fits after "Subject: "
LONGEST_WORD = 60  # a longer one cannot be folded as it is: it goes as encoded words
# Words that stand for themselves in a display name (RFC 5322 atext, and spaces between).
PLAIN_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+")


def encoded_words(text: str) -> list[str]:
    """`text` as UTF-8 B-encoded words, never splitting a character."""
    words, chunk = [], b""
    for character in text:
        data = character.encode()
        if len(chunk) + len(data) > CHUNK_BYTES:
            words.append(_encoded(chunk))
            chunk = b""
        chunk += data
    return [*words, _encoded(chunk)] if chunk else words


def _encoded(chunk: bytes) -> str:
    return f"=?utf-8?b?{base64.b64encode(chunk).decode()}?="


def is_plain(text: str) -> bool:
    """Text a reader takes as it is and that folds between words: ASCII, no word too long
    for a line, nothing that looks like an encoded word."""
    words = text.split(" ")
    return text.isascii() and "=?" not in text and max(map(len, words)) <= LONGEST_WORD


def folded(label: str, pieces: list[str], policy: Policy) -> str:
    """`label:` then the pieces, separated by a space or, where a line would grow past the
    policy's length, by a fold; the first piece always goes on the first line."""
    limit = policy.max_line_length or 998
    lines = [f"{label}:"]
    for piece in pieces:
        if len(lines[-1]) + 1 + len(piece) <= limit or lines[-1] == f"{label}:":
            lines[-1] += f" {piece}"
        else:
            lines.append(f" {piece}")
    return policy.linesep.join(lines) + policy.linesep


class SubjectHeader(UniqueUnstructuredHeader):
    """A Subject folded between words, or as encoded words when it is not plain."""

    name: str  # the registry makes these BaseHeaders at runtime, which typeshed cannot tell

    def fold(self, *, policy: Policy) -> str:
        text = str(self)
        pieces = text.split(" ") if is_plain(text) else encoded_words(text)
        return folded(self.name, pieces, policy)


class ToHeader(UniqueAddressHeader):
    """One recipient: the display name, then the address."""

    name: str

    def fold(self, *, policy: Policy) -> str:
        if len(self.addresses) != 1 or not self.addresses[0].display_name:
            return str(super().fold(policy=policy))  # type: ignore[misc]  # BaseHeader.fold, mixed in
        address = self.addresses[0]
        words = display_name_words(address.display_name)
        return folded(self.name, [*words, f"<{address.addr_spec}>"], policy)


def display_name_words(name: str) -> list[str]:
    """Plain words as they are; other ASCII as one quoted string (folded at its spaces,
    which unfolding keeps); anything else as encoded words."""
    if not is_plain(name):
        return encoded_words(name)
    if PLAIN_NAME.fullmatch(name):
        return name.split(" ")
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}"'.split(" ")


# An address whose local part and domain are dot-atoms of ASCII (RFC 5322 3.4.1), which the
# email package neither quotes nor changes.
ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
SIMPLE_ADDRESS = re.compile(rf"{ATOM}(?:\.{ATOM})*@{ATOM}(?:\.{ATOM})*")


def plain_to(name: str, address: str, policy: Policy) -> str | None:
    """The To header ToHeader folds for a name of plain words and an address of dot-atoms,
    written without the round trip through the email package's parser (a sixth of the
    sender's CPU per email); None for any other name or address."""
    if not (name and PLAIN_NAME.fullmatch(name) and is_plain(name)):
        return None
    if not SIMPLE_ADDRESS.fullmatch(address):
        return None
    return folded("To", [*name.split(" "), f"<{address}>"], policy)


def _registry() -> HeaderRegistry:
    registry = HeaderRegistry()
    # typeshed wants BaseHeader subclasses; the registry mixes BaseHeader in at runtime.
    registry.map_to_type("subject", SubjectHeader)  # type: ignore[arg-type]  # mixed in
    registry.map_to_type("to", ToHeader)  # type: ignore[arg-type]  # mixed in
    return registry


# The policy of every email composed here; the sender's SMTP client folds with its own
# policy, but through these headers' `fold`.
POLICY = default.clone(header_factory=_registry())
