"""The complaints core follows the organisation tree: a unit moved, its complaints move too."""

from complaintdesk.accounts.hooks import UnitMoved
from complaintdesk.accounts.models import path_moved, subtree_q
from complaintdesk.core.hooks import subscribe

from .models import Complaint


def on_unit_moved(event: UnitMoved) -> None:
    """One UPDATE for the whole subtree, however many complaints are filed in it."""
    Complaint.objects.filter(
        subtree_q("unit_path", event.old_path), organisation_id=event.organisation_id
    ).update(unit_path=path_moved("unit_path", event.old_path, event.new_path))


def connect() -> None:
    subscribe(UnitMoved, on_unit_moved)
