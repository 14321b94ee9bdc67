"""Saving, listing and removing a person's queue views: their own preference, touching no
complaint, so the rules are few and live here."""

from django.db import transaction
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.core.errors import GuardFailed, NotFound

from .models import SavedQueue

# Enough for every queue a person works from; beyond it the list no longer helps them.
SAVED_QUEUES_MAX = 30


def saved_queues_of(user: User) -> list[SavedQueue]:
    return list(SavedQueue.objects.filter(user=user))


def saved_queue_save(user: User, name: str, query: str) -> SavedQueue:
    """Keep the queue given by `query` under `name`; saving again under the same name
    replaces what that name showed."""
    name = " ".join(name.split())
    if not name:
        raise GuardFailed(_("Give the view a name."))
    with transaction.atomic():
        saved, created = SavedQueue.objects.select_for_update().get_or_create(
            user=user, name=name[:60], defaults={"query": query}
        )
        if not created:
            saved.query = query
            saved.save(update_fields=["query"])
        elif SavedQueue.objects.filter(user=user).count() > SAVED_QUEUES_MAX:
            raise GuardFailed(
                _("You can keep at most %(limit)d views: remove one first.")
                % {"limit": SAVED_QUEUES_MAX}
            )
    return saved


def saved_queue_delete(user: User, pk: int) -> None:
    deleted, _count = SavedQueue.objects.filter(user=user, pk=pk).delete()
    if not deleted:
        raise NotFound(_("No such view."))
