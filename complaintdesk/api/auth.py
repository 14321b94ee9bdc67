"""Bearer tokens (accounts/tokens.py): the request acts as the token's user, with that user's
roles and scope, within a rate limit per token."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from complaintdesk.accounts.models import ApiToken
from complaintdesk.accounts.tokens import api_token_authenticate
from complaintdesk.core.throttle import throttle_hit

from .errors import ApiError


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        allowed = throttle_hit(
            f"api:{api_token.pk}",
            limit=settings.API_REQUESTS_PER_MINUTE,
            window=timedelta(minutes=1),
        )
        if not allowed:
            raise ApiError(429, "rate_limited", _("Too many requests: slow down and try again."))
        request.user = api_token.user
        return api_token
