"""The API's one NinjaAPI instance: token authentication on every endpoint, JSON errors,
OpenAPI 3 at /api/v1/openapi.json and its docs at /api/v1/docs from the package's own files
(ninja's static, no CDN)."""

from ninja import NinjaAPI

from . import catalogue, complaints, errors, records
from .auth import TokenAuth

api = NinjaAPI(
    title="ComplaintDesk API",
    version="1",
    description="Create, read and follow complaints. Authenticate with `Authorization: Bearer "
    "<token>`; a token comes from `python manage.py api_token USERNAME`.",
    auth=TokenAuth(),
    urls_namespace="api",
)
errors.install(api)
api.add_router("", complaints.router)
api.add_router("", records.router)
api.add_router("", catalogue.router)
