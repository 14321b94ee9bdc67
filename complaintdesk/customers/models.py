"""Complainants: the people who complain, with the contact data to reach them again."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.core.models import AppendOnlyQuerySet, TimeStampedModel


class CustomerTier(models.TextChoices):
    STANDARD = "standard", _("Standard")
    PRIORITY = "priority", _("Priority")
    VIP = "vip", _("VIP")


class IdentityDocument(models.TextChoices):
    NONE = "", _("None")
    HKID = "hkid", _("Hong Kong identity card")
    PRC_ID = "prc_id", _("Resident identity card (mainland)")
    PASSPORT = "passport", _("Passport")
    OTHER = "other", _("Other")


class Complainant(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="complainants",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Digits only, so "+852 9123 4567" and "91234567" find the same person.
    phone_digits = models.CharField(max_length=40, blank=True, editable=False)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    tier = models.CharField(
        _("customer tier"),
        max_length=10,
        choices=CustomerTier.choices,
        default=CustomerTier.STANDARD,
    )
    # Sensitive: shown only to roles with the view_sensitive capability.
    id_document_type = models.CharField(
        _("identity document"), max_length=10, choices=IdentityDocument.choices, blank=True
    )
    id_document_number = models.CharField(_("identity document number"), max_length=40, blank=True)
    account_reference = models.CharField(
        _("account/unit reference"),
        max_length=80,
        blank=True,
        help_text=_("Flat, account or membership number the organisation already holds."),
    )

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")
        indexes = [
            models.Index(fields=["organisation", "phone_digits"], name="complainant_phone_idx"),
            models.Index(fields=["organisation", "email"], name="complainant_email_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.phone_digits = digits_of(self.phone)
        # Lower-cased so that lookups are an exact, indexed match.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @classmethod
    def field_label(cls, name: str) -> str:
        """A field as the reader's language names it (histories record field names)."""
        try:
            field = cls._meta.get_field(name)
        except FieldDoesNotExist:
            return name
        return str(field.verbose_name) if isinstance(field, models.Field) else name

    @property
    def is_vip(self) -> bool:
        return self.tier == CustomerTier.VIP


class ComplainantChange(models.Model):
    """One edit of a complainant's record: who changed which fields from what to what. Their
    contact data is how the organisation reaches them; a wrong number put right must leave a
    trace, and so must a tier raised to VIP."""

    complainant = models.ForeignKey(
        Complainant, on_delete=models.PROTECT, related_name="changes", verbose_name=_("complainant")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    changed_at = models.DateTimeField(_("when"))
    # [{"field": ..., "before": ..., "after": ...}]
    changes = models.JSONField(default=list)
    # The complaint it was changed from (an id, not a key: customers sit below complaints).
    complaint_id = models.PositiveBigIntegerField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("change of complainant record")
        verbose_name_plural = _("changes of complainant records")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.complainant_id} {self.changed_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("History is append-only.")
        super().save(*args, **kwargs)


# International prefixes and the national number lengths they precede: Hong Kong and Macau
# numbers have 8 digits, mainland mobile numbers 11.
_COUNTRY_PREFIXES = (("852", 8), ("853", 8), ("86", 11))


def digits_of(phone: str) -> str:
    """The national number, digits only, so that "+852 9123 4567", "00852-91234567" and
    "9123 4567" are the same person."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    for prefix, national_length in _COUNTRY_PREFIXES:
        if digits.startswith(prefix) and len(digits) == len(prefix) + national_length:
            return digits[len(prefix) :]
    return digits
