"""Reads of the search index: which documents hold every word of a query, as a subquery the
caller filters its own rows with (so that its scope and filters apply in the same query)."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.db.models.expressions import RawSQL

from .analysis import query_words
from .models import Document
from .ranking import ranked
from .synonyms import alternatives


def _connection():
    return connections[router.db_for_read(Document)]


def matching_ids(text: str) -> RawSQL | None:
    """The ids of the documents holding every word of `text` (or a word that means the same:
    synonyms.py), or None when it holds no word (punctuation only): the caller then has
    nothing to search for."""
    groups = [alternatives(word) for word in query_words(text)]
    if not groups:
        return None
    vendor = _connection().vendor
    # The words are letters and digits only (analysis._WORD), so quoting them is enough.
    if vendor == "sqlite":
        either = [" OR ".join(f'"{word}"' for word in group) for group in groups]
        return RawSQL(
            "SELECT rowid FROM search_document_fts WHERE search_document_fts MATCH %s",
            (" AND ".join(f"({words})" for words in either),),
        )
    if vendor == "postgresql":
        either = [" | ".join(f"'{word}'" for word in group) for group in groups]
        return RawSQL(
            "SELECT id FROM search_document WHERE vector @@ %s::tsquery",
            (" & ".join(f"({words})" for words in either),),
        )
    # ComplaintDesk runs on SQLite and PostgreSQL only (the brief); any other database is a
    # configuration to refuse, not a search to attempt.
    raise ImproperlyConfigured(f"Full-text search needs SQLite or PostgreSQL, not {vendor}.")


def newest_matching_ids(text: str, limit: int) -> list[int]:
    """The newest `limit` documents (by id) holding every word of `text`: read from the end of
    the full-text index's lists, without looking at the older matches."""
    words = matching_ids(text)
    if words is None:
        return []
    connection = _connection()
    key = "rowid" if connection.vendor == "sqlite" else "id"
    with connection.cursor() as cursor:
        cursor.execute(f"{words.sql} ORDER BY {key} DESC LIMIT %s", (*words.params, limit))
        return [row[0] for row in cursor.fetchall()]


def relevance_order(text: str, ids: list[int]) -> list[int]:
    """These documents' ids, best match for `text` first (ranking.py)."""
    documents = dict(Document.objects.filter(id__in=ids).values_list("id", "words"))
    return ranked([alternatives(word) for word in query_words(text)], documents)
