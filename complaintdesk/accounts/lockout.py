"""What a locked-out login gets (django-axes' AXES_LOCKOUT_CALLABLE): the login page again,
saying why and for how long, in the reader's language, instead of axes' bare English text."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    # 429 Too Many Requests: the request was fine, there were too many of them.
    return render(
        request,
        "accounts/login.html",
        {
            "form": AuthenticationForm(request, initial={"username": username}),
            "next": request.POST.get("next", request.GET.get("next", "")),
            "locked_out": True,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
