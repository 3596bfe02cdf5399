"""A decision on a declaration, once taken: its release notice (and number), or its refusal."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from clearway_contracts.events.common import Reason


@dataclass(frozen=True)
class Decision:
    """The one decision on a declaration: its release notice, or its refusal."""

    declaration_id: UUID
    revision: int
    office: str
    decided_at: datetime
    release_number: str | None = None  # None: refused
    reasons: tuple[Reason, ...] = ()
    in_force: bool = False  # recorded on the declaration for this revision

    @property
    def released(self) -> bool:
        return self.release_number is not None


def release_number(*, office: str, released_at: datetime, sequence: int) -> str:
    """``<office 4><year 4>R<sequence 9>``, e.g. ``80212026R000000042``.

    Shaped like the customs number, with ``R`` in place of the export flag so the two are
    never mistaken; the sequence is one database sequence, so numbers never repeat.
    """
    if not 0 < sequence < 1_000_000_000:
        raise ValueError(f"the release sequence is exhausted at {sequence}")
    return f"{release_number_prefix(office=office, released_at=released_at)}{sequence:09d}"


def release_number_prefix(*, office: str, released_at: datetime) -> str:
    """The release number but its sequence: the database appends that, 9 digits with zeros
    in front, in the statement that records the release (see ``releases.repository``)."""
    if not (len(office) == 4 and office.isdigit()):
        raise ValueError(f"an office code has 4 digits, not {office!r}")
    return f"{office}{released_at.year:04d}R"
