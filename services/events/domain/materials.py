"""Materials of programme items: which files are taken (a PDF, by its first bytes and its
name, within the size limit), where each is served, and a published snapshot brought up to
date with them without touching anything else an organizer may have saved meanwhile."""

from collections.abc import Mapping, Sequence

from shared.catalogs import N_
from shared.contracts import EventSnapshotV1, MaterialV1, ProgrammeItemV1

PDF_MAGIC = b"%PDF-"


class MaterialRefused(ValueError):
    """A file that cannot be a material; `key` names the message that says why."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def check_pdf(filename: str, content: bytes, *, max_bytes: int) -> None:
    """Refuse anything but a non-empty PDF within `max_bytes`, with a reason to act on."""
    if not content:
        raise MaterialRefused(N_("material_error_empty"), "The file is empty: choose a PDF")
    if len(content) > max_bytes:
        limit = max_bytes // (1024 * 1024)
        raise MaterialRefused(N_("material_error_too_big"), f"The file is over {limit} MB")
    if not content.startswith(PDF_MAGIC) or not filename.lower().endswith(".pdf"):
        raise MaterialRefused(N_("material_error_not_pdf"), "Only PDF files can be attached")


def safe_filename(filename: str) -> str:
    """The name a download offers: its last part, printable ASCII, no quotes, ending .pdf."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c if c.isascii() and c.isprintable() and c not in '"' else "_" for c in base)
    kept = kept.strip(" .")[:150] or "documento"
    return kept if kept.lower().endswith(".pdf") else f"{kept}.pdf"


def material_url(page_url: str, material_id: int) -> str:
    return f"{page_url}/materials/{material_id}"


def with_materials(
    snapshot: EventSnapshotV1,
    materials: Mapping[int, Sequence[MaterialV1]],
    recordings: Mapping[int, str | None],
) -> EventSnapshotV1:
    """The snapshot with each item's materials and recording as given (by item id), and
    nothing else changed."""

    def refreshed(items: Sequence[ProgrammeItemV1]) -> tuple[ProgrammeItemV1, ...]:
        return tuple(
            item.model_copy(
                update={
                    "materials": tuple(materials.get(item.id or 0, ())),
                    "recording_url": recordings.get(item.id or 0),
                    "items": refreshed(item.items),
                }
            )
            for item in items
        )

    return snapshot.model_copy(update={"programme": refreshed(snapshot.programme)})
