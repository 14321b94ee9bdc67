"""Writes to the search index. Its caller (the complaints core) decides what text a document
holds and when it is written; this module only turns text into words and stores them."""

from django.db import transaction

from .analysis import document_words
from .models import Document

# Rows per INSERT: well under SQLite's limit of 32,766 bound parameters.
BATCH = 2000


def documents_write(texts: dict[int, list[str]]) -> None:
    """Write the document of each id from its texts, replacing what it held."""
    documents_save(documents_of(texts))


def documents_of(texts: dict[int, list[str]]) -> list[Document]:
    """Each id's document, its texts cut into words (not yet written)."""
    return [Document(id=pk, words=document_words(*parts)) for pk, parts in texts.items()]


def documents_save(documents: list[Document]) -> None:
    """Store these documents, replacing what they held. No savepoint inside a caller's
    transaction (a registration's), which would cost two statements each time: the words are
    cut before, so what can fail here is the database itself."""
    with transaction.atomic(savepoint=False):
        Document.objects.bulk_create(
            documents,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["words"],
        )
