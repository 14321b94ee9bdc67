"""The complaint record. Split by what each part holds; import from here."""

from .channels import PublicForm
from .complaint import Complaint, ReferenceSequence
from .records import Attachment, FollowUp, Proposal, Rating, Reply, StepRecord
from .taxonomy import Category, RootCause
from .timeline import ComplaintEvent

__all__ = [
    "Attachment",
    "Category",
    "Complaint",
    "ComplaintEvent",
    "FollowUp",
    "Proposal",
    "PublicForm",
    "Rating",
    "ReferenceSequence",
    "Reply",
    "RootCause",
    "StepRecord",
]
