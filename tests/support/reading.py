"""What a person reads on a page: its text without markup, scripts or styles, entities
decoded, spaces collapsed, so that a test can look for a sentence as it is read."""

import html
import re

from markupsafe import escape


def said(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"\s+", " ", text).strip()


def marked_italian(page: str, text: str) -> bool:
    """Whether `text` sits in an element marked lang="it" (the opening tag right before it)."""
    escaped = re.escape(str(escape(text)))  # as the pages escape it
    return re.search(rf'<[^<>]*\blang="it"[^<>]*>\s*(?:<[^<>]*>\s*)*{escaped}', page) is not None
