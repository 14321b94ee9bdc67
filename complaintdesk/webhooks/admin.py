"""Superusers, and each organisation's administrators for their own organisation, set up
webhook subscriptions; what was sent and what the receiver answered is read only."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin, OrganisationScopedInline

from .choices import EventType, event_label
from .models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from .services import subscription_ping, subscription_resume

# A receiver URL typed without a scheme is taken as https (Django 6's default, chosen now):
# what it is sent carries complaint data.
_HTTPS_BY_DEFAULT = {"assume_scheme": "https"}


def _formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(db_field, models.URLField):
        kwargs = {**_HTTPS_BY_DEFAULT, **kwargs}
    return db_field.formfield(**kwargs)


class WebhookSubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = WebhookSubscription
        fields = ["organisation", "name", "url", "format", "events", "secret", "owner", "is_active"]
        formfield_callback = _formfield


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(OrganisationScopedAdmin):
    organisation_field = "organisation"
    form = WebhookSubscriptionForm
    # The admin builds its form with a callback of its own, which replaces the form's.
    formfield_overrides = {models.URLField: _HTTPS_BY_DEFAULT}
    list_display = [
        "name",
        "organisation",
        "format",
        "event_list",
        "is_active",
        "is_paused",
        "consecutive_failures",
        "deliveries_link",
    ]
    list_filter = ["format", "is_active", "organisation"]
    search_fields = ["name", "url"]
    readonly_fields = ["paused_at", "pause_reason", "consecutive_failures", "created_at"]
    actions = ["resume", "ping"]

    @admin.display(description=_("events"))
    def event_list(self, obj: WebhookSubscription) -> str:
        return ", ".join(event_label(code) for code in obj.events)

    @admin.display(description=_("paused"), boolean=True)
    def is_paused(self, obj: WebhookSubscription) -> bool:
        return obj.paused_at is not None

    @admin.display(description=_("deliveries"))
    def deliveries_link(self, obj: WebhookSubscription) -> str:
        url = reverse("admin:webhooks_webhookdelivery_changelist")
        return format_html('<a href="{}?subscription__id__exact={}">{}</a>', url, obj.pk, _("log"))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Someone must hear of it when it is paused: whoever set it up, unless they named
        # another.
        if obj.owner_id is None:
            obj.owner = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Resume (send what waited)"), permissions=["change"])
    def resume(self, request: HttpRequest, queryset: QuerySet) -> None:
        waiting = sum(subscription_resume(s, request.user) for s in queryset)  # type: ignore[arg-type,misc]
        self.message_user(
            request,
            ngettext(
                "Resumed; %(count)d delivery is being sent.",
                "Resumed; %(count)d deliveries are being sent.",
                waiting,
            )
            % {"count": waiting},
        )

    @admin.action(description=_("Send a test event"), permissions=["change"])
    def ping(self, request: HttpRequest, queryset: QuerySet) -> None:
        for subscription in queryset.select_related("organisation"):
            subscription_ping(subscription, request.user)  # type: ignore[arg-type]
        self.message_user(request, _("Test event queued; its result is in the delivery log."))


class WebhookAttemptInline(OrganisationScopedInline, admin.TabularInline):
    model = WebhookAttempt
    organisation_field = "delivery__subscription__organisation"
    fields = ["at", "status_code", "error", "duration_ms", "response_excerpt"]
    readonly_fields = ["at", "status_code", "error", "duration_ms", "response_excerpt"]
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any) -> bool:  # type: ignore[override]
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(OrganisationScopedAdmin):
    """Written by the worker alone: read, never edited, by superusers and administrators."""

    organisation_field = "subscription__organisation"
    org_admin_permissions = ("view",)
    list_display = [
        "created_at",
        "subscription",
        "event",
        "complaint",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status", "event_type", "subscription"]
    list_select_related = ["subscription", "complaint"]
    search_fields = ["event_id", "complaint__reference"]

    readonly_fields = [
        "subscription",
        "event_id",
        "event_type",
        "complaint",
        "payload",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "created_at",
        "last_error",
    ]
    inlines = [WebhookAttemptInline]
    show_full_result_count = False

    @admin.display(description=_("event type"), ordering="event_type")
    def event(self, obj: WebhookDelivery) -> str:
        return event_label(obj.event_type)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
