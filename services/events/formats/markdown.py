"""Organizers' Markdown as safe HTML for public pages, and as plain text for meta tags.

Two layers on purpose: markdown-it escapes raw HTML (html=False) and refuses dangerous link
schemes, then nh3 keeps only an allow-list of tags and attributes, so a bug or a new feature
in either one alone cannot put active HTML on a public page.
"""

import re
from collections.abc import Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote",
        "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "del", "hr",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"

# The page's <h1> is the event title, so a description's headings live at h2..h4.
_HEADING_TAGS = {1: "h2", 2: "h2", 3: "h3"}
_DEEPEST_HEADING = "h4"
# markdown-it writes ~~text~~ as <s>; <del> is the tag we allow.
_STRIKE_TAG = "del"

_WHITESPACE = re.compile(r"\s+")


def _parser() -> MarkdownIt:
    options = {"html": False, "linkify": False, "typographer": False}
    return MarkdownIt("commonmark", options).enable(["table", "strikethrough"])


_MD = _parser()


def _fit_allow_list(tokens: Sequence[Token]) -> None:
    """Reshape tokens the allow-list would otherwise drop, so no words get lost.

    Headings move into h2..h4, strikethrough becomes <del>, images become their alt text
    (nh3 would remove <img> and with it the only trace of the image).
    """
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_TAGS.get(int(token.tag[1]), _DEEPEST_HEADING)
        elif token.type == "inline" and token.children:
            token.children = [_inline_fit(child) for child in token.children]


def _inline_fit(token: Token) -> Token:
    if token.type in ("s_open", "s_close"):
        token.tag = _STRIKE_TAG
    elif token.type == "image":
        return Token("text", "", 0, content="".join(_inline_text(token)))
    return token


def _sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str | None) -> Markup:
    """Markdown as sanitized HTML, safe to insert unescaped in a template."""
    if not text:
        return Markup("")
    env: dict[str, object] = {}
    tokens = _MD.parse(text, env)
    _fit_allow_list(tokens)
    return Markup(_sanitize(_MD.renderer.render(tokens, _MD.options, env)))


def _inline_text(token: Token) -> list[str]:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.extend(_inline_text(child))  # the alt text lives in the image's children
    return parts


def plain_text(text: str | None) -> str:
    """The Markdown's words without markup, whitespace collapsed (for meta descriptions).

    The result is text, not HTML: raw HTML in the source comes through as literal characters
    and must be escaped by whoever puts it in a page (Jinja does).
    """
    if not text:
        return ""
    parts: list[str] = []
    for token in _MD.parse(text):
        if token.type == "inline":
            parts.extend(_inline_text(token))
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
        parts.append(" ")  # block boundaries separate words
    return _WHITESPACE.sub(" ", "".join(parts)).strip()
