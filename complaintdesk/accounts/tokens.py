"""API tokens: what another system presents instead of a password. A token acts as its user,
with that user's roles and scope; it is shown once when made, stored only as a hash, and can
be revoked.

A token is 256 random bits, so a plain SHA-256 of it is enough (a slow password hash guards
guessable secrets); its first characters are kept in the clear to find the row by index and to
let people tell their tokens apart.
"""

import hashlib
import secrets
from datetime import datetime

from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .models import TOKEN_LOOKUP_LENGTH as _LOOKUP_LENGTH
from .models import TOKEN_PREFIX as _PREFIX
from .models import ApiToken, User


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(user: User, name: str) -> tuple[ApiToken, str]:
    """The new token and its secret, which is never shown again."""
    while True:
        lookup = secrets.token_hex(_LOOKUP_LENGTH // 2)
        if not ApiToken.objects.filter(lookup=lookup).exists():
            break
    raw = f"{_PREFIX}{lookup}{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API", lookup=lookup, digest=_digest(raw)
    )
    return token, raw


def api_token_revoke(token: ApiToken, at: datetime | None = None) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=at or timezone.now()
    )


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The live token this secret is, with its active user; None for anything else."""
    if not raw.startswith(_PREFIX) or len(raw) < len(_PREFIX) + _LOOKUP_LENGTH + 16:
        return None
    lookup = raw[len(_PREFIX) : len(_PREFIX) + _LOOKUP_LENGTH]
    token = ApiToken.objects.select_related("user").filter(lookup=lookup).first()
    if token is None or not constant_time_compare(token.digest, _digest(raw)):
        return None
    if token.revoked_at is not None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        # At most once a minute: a busy integration must not write on every request.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
