from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "subject", "read_at", "mailed_at")
    list_filter = ("kind",)
    search_fields = ("recipient__username",)
    readonly_fields = [f.name for f in Notification._meta.fields]
