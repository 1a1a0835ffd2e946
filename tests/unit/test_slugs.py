"""Readable URL slugs from Italian titles."""

import pytest

from services.events.domain.slugs import slugify

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Welfare locale: l'Area Omogenea", "welfare-locale-l-area-omogenea"),
        ("Un territorio più unito", "un-territorio-piu-unito"),
        ("Perché la città è più forte", "perche-la-citta-e-piu-forte"),
        ("È l'ora: Sant'Agostino, Crema", "e-l-ora-sant-agostino-crema"),
        ("PNRR 2026 — i bandi", "pnrr-2026-i-bandi"),
        ("  Spazi   doppi -- e trattini  ", "spazi-doppi-e-trattini"),
    ],
)
def test_slugify_italian_title_gives_ascii_words_joined_by_hyphens(title, expected):
    slug = slugify(title)

    assert slug == expected


def test_slugify_typographic_apostrophe_separates_words_like_the_ascii_one():
    typographic = "L’Unione dei Comuni all’opera"
    ascii_apostrophe = "L'Unione dei Comuni all'opera"

    slugs = (slugify(typographic), slugify(ascii_apostrophe))

    assert slugs == ("l-unione-dei-comuni-all-opera", "l-unione-dei-comuni-all-opera")


def test_slugify_decomposed_accents_match_composed_ones():
    composed = "Città più unita"
    decomposed = "Citta\u0300 piu\u0300 unita"

    slugs = (slugify(composed), slugify(decomposed))

    assert slugs == ("citta-piu-unita", "citta-piu-unita")


@pytest.mark.parametrize("title", ["", "   ", "!!! ???", "—"])
def test_slugify_title_without_letters_falls_back_to_evento(title):
    slug = slugify(title)

    assert slug == "evento"


def test_slugify_long_title_is_cut_to_max_length():
    title = "Coordinare le politiche sociali e socio-sanitarie all'interno dell'Area Omogenea"

    slug = slugify(title, max_length=40)

    assert slug == "coordinare-le-politiche-sociali-e-socio"


def test_slugify_cut_on_a_hyphen_does_not_end_with_a_hyphen():
    title = "abc def ghi"

    slug = slugify(title, max_length=4)

    assert slug == "abc"


def test_slugify_default_max_length_is_eighty():
    title = "parola " * 30

    slug = slugify(title)

    assert len(slug) == 80
