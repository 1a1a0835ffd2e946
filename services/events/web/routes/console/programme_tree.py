"""Changing one item of a programme (a list of ProgrammeItemIn, sections holding their own)
by its id: add, replace, move within its level, remove. Ids of the other items stay."""

from services.events.web.schemas import ProgrammeItemIn
from shared.errors import NotFound

Items = list[ProgrammeItemIn]


def locate(items: Items, item_id: int) -> tuple[Items, int, int | None]:
    """The list holding item `item_id`, its index there, and its section's id (or None)."""
    found = _search(items, item_id, None)
    if found is None:
        raise NotFound(f"No programme item {item_id} in this event")
    return found


def _search(items: Items, item_id: int, parent: int | None) -> tuple[Items, int, int | None] | None:
    for index, item in enumerate(items):
        if item.id == item_id:
            return items, index, parent
        found = _search(item.items, item_id, item.id)
        if found is not None:
            return found
    return None


def sections(items: Items, *, besides: int | None = None) -> Items:
    """The sections an item can go into (top level only), but the item itself."""
    return [item for item in items if item.kind == "section" and item.id != besides]


def container(items: Items, parent_id: int | None) -> Items:
    """The top level, or the items of section `parent_id`."""
    if parent_id is None:
        return items
    siblings, index, _ = locate(items, parent_id)
    return siblings[index].items


def insert(items: Items, item: ProgrammeItemIn, parent_id: int | None) -> None:
    """Put `item` in its level in time order: before the first item starting after it."""
    level = container(items, parent_id)
    later = [
        index
        for index, other in enumerate(level)
        if item.starts_at and other.starts_at and other.starts_at > item.starts_at
    ]
    level.insert(later[0] if later else len(level), item)


def replace(items: Items, item: ProgrammeItemIn, parent_id: int | None) -> None:
    """Put the edited `item` where it was, or into another section if it changed."""
    assert item.id is not None
    siblings, index, parent = locate(items, item.id)
    if parent == parent_id:
        siblings[index] = item
    else:
        del siblings[index]
        insert(items, item, parent_id)


def move(items: Items, item_id: int, step: int) -> None:
    """Swap the item with its neighbour one step up (-1) or down (+1); at an end, nothing."""
    siblings, index, _ = locate(items, item_id)
    other = index + step
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]


def remove(items: Items, item_id: int) -> ProgrammeItemIn:
    """Take the item out (a section with its items); returns it."""
    siblings, index, _ = locate(items, item_id)
    return siblings.pop(index)
