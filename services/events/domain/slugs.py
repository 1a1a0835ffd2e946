"""Readable URL slugs from Italian titles."""

import re
import unicodedata


def slugify(text: str, *, max_length: int = 80) -> str:
    """'Welfare locale: l'Area Omogenea' -> 'welfare-locale-l-area-omogenea'."""
    # Drop accents but keep word boundaries: "all’opera" is two words, like "all'opera".
    spaced = re.sub(r"[^\w]", " ", text)
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = "-".join(words)[:max_length].strip("-")
    return slug or "evento"
