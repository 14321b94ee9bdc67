"""Whether the nav offers "Import": the user may import for some organisation."""

from functools import cache

from django.http import HttpRequest

from .selectors import may_import


def imports(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_import": cache(lambda: may_import(user))}
