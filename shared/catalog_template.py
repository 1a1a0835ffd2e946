"""One domain's template for `pybabel update` and `pybabel init`: its keys, with no text.

A key's domain is the area of the product that says it, chosen by hand: the key is written
first in that domain's Italian catalog. `pybabel extract` reads a whole service, so its
template holds every domain's keys and would pour them all into each catalog; this one holds
one domain's, from its Italian catalog (the steps are in babel.cfg):

    python -m shared.catalog_template services/events/texts console /tmp/console.pot
"""

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from shared.catalogs import DEFAULT_LANGUAGE, catalog_path

# The catalogs' line width (the code's), so that pybabel rewraps no line: pass -w 100 to it too.
WIDTH = 100


def template(folder: Path, domain: str) -> Catalog:
    """The keys of `domain` in `folder`, as its default language's catalog has them."""
    with catalog_path(folder, DEFAULT_LANGUAGE, domain).open("rb") as po:
        source = read_po(po)
    # The source's header and dates, so that an update changes no line but the new keys'.
    keys = Catalog(
        header_comment=source.header_comment,
        project=source.project,
        version=source.version,
        creation_date=source.creation_date,
        fuzzy=False,
    )
    for message in source:
        if message.id:
            keys.add(message.id, "")
    return keys


def write_template(folder: Path, domain: str, output: Path) -> None:
    with output.open("wb") as pot:
        write_po(pot, template(folder, domain), width=WIDTH)


if __name__ == "__main__":
    folder, domain, output = sys.argv[1:]
    write_template(Path(folder), domain, Path(output))
