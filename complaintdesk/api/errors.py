"""Every error as JSON: a machine code, the field where there is one, and a message in the
caller's language (Accept-Language). What the services refuse keeps their own words."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from complaintdesk.core.errors import (
    DomainError,
    GuardFailed,
    NotFound,
    NotPermitted,
    TransitionNotAllowed,
)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def error_body(code: str, message: str, *, field: str = "", details: list | None = None) -> dict:
    body: dict = {"code": code, "message": message}
    if field:
        body["field"] = field
    if details:
        body["details"] = details
    return {"error": body}


# What the services raise, as the API answers it: out of sight is 404 (never 403: nobody
# learns a reference exists), a move refused in this state or missing something is 409.
_DOMAIN = (
    (NotFound, 404, "not_found"),
    (NotPermitted, 403, "not_permitted"),
    (TransitionNotAllowed, 409, "not_allowed_now"),
    (GuardFailed, 409, "incomplete"),
)

# pydantic's error types, in our words (Django's own catalogue has the common ones).
_VALIDATION = {
    "missing": lambda: _("This field is required."),
    "string_too_long": lambda: _("This text is too long."),
    "string_type": lambda: _("Enter a text."),
    "datetime_from_date_parsing": lambda: _("Enter a valid date/time."),
    "datetime_parsing": lambda: _("Enter a valid date/time."),
    "datetime_type": lambda: _("Enter a valid date/time."),
    "int_parsing": lambda: _("Enter a whole number."),
    "json_invalid": lambda: _("The request body is not valid JSON."),
    "extra_forbidden": lambda: _("Unknown field: this API does not take it."),
    "string_nul": lambda: _("Text cannot contain the NUL character."),
}


def _field(location: tuple) -> str:
    parts = [str(part) for part in location if part not in ("body", "payload", "query", "path")]
    return ".".join(parts)


def _validation_detail(item: dict) -> dict:
    kind = item.get("type", "invalid")
    ours = _VALIDATION.get(kind)
    return {
        "code": kind,
        "field": _field(tuple(item.get("loc", ()))),
        "message": ours() if ours else str(item.get("msg", "")),
    }


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
        return api.create_response(
            request, error_body(error.code, error.message, field=error.field), status=error.status
        )

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
        status, code = 422, "invalid"
        for kind, kind_status, kind_code in _DOMAIN:
            if isinstance(error, kind):
                status, code = kind_status, kind_code
                break
        body = error_body(code, error.message, details=error.details)
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
        details = [_validation_detail(item) for item in error.errors]
        first = details[0] if details else {"field": "", "message": ""}
        body = error_body(
            "invalid", _("The request is not valid."), field=first["field"], details=details
        )
        return api.create_response(request, body, status=422)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        body = error_body("unauthenticated", _("A valid API token is required."))
        return api.create_response(request, body, status=401)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
        body = error_body("too_large", _("The request body is too large."))
        return api.create_response(request, body, status=413)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        if error.status_code == 400:  # ninja could not read the body at all
            body = error_body("bad_request", _("The request body is not valid JSON."))
        else:
            body = error_body("http_error", str(error))
        return api.create_response(request, body, status=error.status_code)
