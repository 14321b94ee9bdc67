from django.contrib import admin

from .models import Complainant


@admin.register(Complainant)
class ComplainantAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "tier", "created_at"]
    list_filter = ["organisation", "tier"]
    search_fields = ["name", "phone_digits", "email", "account_reference"]
    # Identity numbers stay out of list pages; they are on the change form only.

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
