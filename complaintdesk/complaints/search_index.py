"""Each complaint's document in the search index, kept current by the writes that change text.

Every change to a complaint appends to its timeline (events.append_event), and the import
writes its rows in bulk; both ask here for the complaint's document to be written again once
their transaction commits. Once per complaint however many events one change appended, and
never for a change that was rolled back. A document is always rebuilt from what the complaint
holds then, so a late or repeated rewrite cannot leave it wrong, only briefly stale; and if a
rewrite fails after the commit (it is logged), `manage.py search_reindex` puts it right.
A registration writes its new complaint's document at once, inside its own transaction
(search_index_now): found by the search the moment it is taken, for one write transaction.

A document holds what people ask a search box for: the record's own words, every text written
on the timeline (notes, replies, the complainant's messages, reasons), and the complainant's
name and contacts. Never the identity document number: that is revealed on purpose, not found.
"""

import logging
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from complaintdesk.search.services import documents_of, documents_save, documents_write

from .models import Complaint, ComplaintEvent

log = logging.getLogger(__name__)

# Complaints read and written at a time: an import's thousands stay within SQLite's limit on
# bound parameters and within memory.
_CHUNK = 2000

_RECORD_FIELDS = (
    "reference",
    "external_id",
    "subject",
    "description",
    "incident_place",
    "persons_involved",
    "demand",
    "claimed_loss_items",
    "evidence_description",
    "findings",
    "responsible_person",
    "status_reason",
    "complainant__name",
    "complainant__phone",
    "complainant__email",
    "complainant__address",
    "complainant__account_reference",
)


class _Pending:
    """The complaints whose documents the transaction's commit will write (a callback of
    transaction.on_commit, found again on the connection by later changes in it)."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        try:
            search_index_write(self.ids)
        except Exception:  # the commit stands; the document is stale until the next change
            log.exception("search documents not written for complaints %s", sorted(self.ids))


def search_index_later(complaint_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Write these complaints' documents once the current transaction commits (at once when
    there is none)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        search_index_write(complaint_ids)
        return
    # One write per complaint for everything a change does inside an open block: a callback
    # registered in this block or one enclosing it (Django drops those of a block rolled back).
    open_blocks = set(connection.savepoint_ids)
    pending = next(
        (callback for blocks, callback in _pending(connection) if blocks <= open_blocks), None
    )
    if pending is None:
        pending = _Pending()
        transaction.on_commit(pending, using=using)
    pending.ids.update(complaint_ids)


def search_index_now(complaint_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Write these complaints' documents now, inside the current transaction, and take them
    off what its commit will write: a registration, whose words are all known by then,
    writes its document with its row rather than in a second write transaction after the
    commit (on SQLite a second turn at the single writer's lock). Text a later change in the
    same transaction adds asks for the document again (search_index_later).

    Should reading or cutting the words fail, the commit's write is left to try again: the
    complaint being taken never depends on its document."""
    ids = set(complaint_ids)
    try:
        documents = documents_of(complaint_texts(list(ids)))
    except Exception:
        log.exception("search documents of complaints %s left to the commit", sorted(ids))
        return
    documents_save(documents)
    for _blocks, pending in _pending(connections[using]):
        pending.ids -= ids


def _pending(connection) -> list[tuple[set, _Pending]]:
    """The writes this transaction's commit will make, each with the blocks it was asked in
    (Django's list of on-commit callbacks: savepoint ids, callback, robust)."""
    return [
        (entry[0], entry[1])
        for entry in connection.run_on_commit
        if isinstance(entry[1], _Pending) and not entry[1].done
    ]


def search_index_write(complaint_ids: Iterable[int]) -> None:
    """Write these complaints' documents now, from what they hold."""
    ids = list(complaint_ids)
    for start in range(0, len(ids), _CHUNK):
        documents_write(complaint_texts(ids[start : start + _CHUNK]))


def complaint_texts(ids: list[int]) -> dict[int, list[str]]:
    """Every searchable text of each complaint, in two queries for all of them."""
    texts: dict[int, list[str]] = {}
    for row in Complaint.objects.filter(pk__in=ids).values_list("pk", *_RECORD_FIELDS):
        texts[row[0]] = [value for value in row[1:] if value]
    events = (
        ComplaintEvent.objects.filter(complaint_id__in=ids)
        .exclude(text="")
        .order_by("id")
        .values_list("complaint_id", "text")
    )
    for complaint_id, text in events:
        texts[complaint_id].append(text)
    return texts
