"""What the organisation tree tells the apps above it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitMoved:
    """A unit and its subtree moved: every path that began with `old_path` now begins with
    `new_path`. Published inside the move's transaction; the complaints core follows with one
    UPDATE of the complaints filed there."""

    organisation_id: int
    old_path: str
    new_path: str
