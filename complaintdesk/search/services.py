"""Writes to the search index. Its caller (the complaints core) decides what text a document
holds and when it is written; this module only turns text into words and stores them."""

from django.db import transaction

from .analysis import document_words
from .models import Document

# Rows per INSERT: well under SQLite's limit of 32,766 bound parameters.
BATCH = 2000


def documents_write(texts: dict[int, list[str]]) -> None:
    """Write the document of each id from its texts, replacing what it held."""
    rows = [Document(id=pk, words=document_words(*parts)) for pk, parts in texts.items()]
    with transaction.atomic():
        Document.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["words"],
        )
