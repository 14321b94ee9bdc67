"""Organisation administrators set up their mailboxes; what each message became is read only."""

from django.contrib import admin

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin
from complaintdesk.core.admin import ReadOnlyAdmin

from .models import InboundMessage, Mailbox


@admin.register(Mailbox)
class MailboxAdmin(OrganisationScopedAdmin):
    organisation_field = "organisation"
    list_display = ["address", "organisation", "host", "is_active", "last_polled_at", "last_error"]
    readonly_fields = ["last_polled_at", "last_error"]


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "sender", "subject", "outcome", "complaint"]
    list_filter = ["outcome"]
    search_fields = ["message_id", "sender", "subject", "complaint__reference"]
