"""Readable URL slugs from Italian titles."""

import re
import unicodedata


def slugify(text: str, *, max_length: int = 80) -> str:
    """'Welfare locale: l'Area Omogenea' -> 'welfare-locale-l-area-omogenea'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = "-".join(words)[:max_length].strip("-")
    return slug or "evento"
