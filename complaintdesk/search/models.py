"""The search index's documents: one per complaint, its words as analysis.py gives them.

Kept in an ordinary table on both databases, so that one upsert writes it everywhere; the
full-text index over it is the database's own: SQLite's FTS5, kept in step by triggers
(migrations/0001), or on PostgreSQL a generated tsvector column with a GIN index (0002).
The id is the complaint's: this app sits below the complaints core (which writes and reads
it) and knows nothing of it.
"""

from django.db import models


class Document(models.Model):
    id = models.BigIntegerField(primary_key=True)
    words = models.TextField()

    class Meta:
        db_table = "search_document"

    def __str__(self) -> str:
        return f"document {self.id}"
