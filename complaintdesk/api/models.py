"""What the API keeps of its own: the idempotency keys of complaints created through it."""

from django.conf import settings
from django.db import models

from complaintdesk.complaints.models import Complaint


class IdempotencyKey(models.Model):
    """An `Idempotency-Key` a caller sent with a create: the same key and body again returns
    the complaint made the first time; the same key with another body is refused."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    body_sha256 = models.CharField(max_length=64)
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once")]

    def __str__(self) -> str:
        return self.key
