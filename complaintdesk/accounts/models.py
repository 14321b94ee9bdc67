"""The organisation as a tree of typed units, and the people who work in it.

A unit's `path` is a materialised path, its ancestors' ids and its own as fixed-width digit
groups ("00000001" "00000004" "00000009" run together), so that "this unit and everything
below it" is one indexed range, `subtree_q`, which is what every scope check and queue page
needs. Digits only and a range rather than LIKE: the same B-tree index serves SQLite and
PostgreSQL whatever the database collation, with no LIKE-specific operator classes.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from complaintdesk.core import hooks as core_hooks

from .hooks import UnitMoved
from .roles import Role

PATH_SEGMENT_WIDTH = 8


def subtree_q(field: str, path: str) -> models.Q:
    """Rows whose `field` (a unit path) lies in the subtree rooted at `path`."""
    head, last = path[:-PATH_SEGMENT_WIDTH], int(path[-PATH_SEGMENT_WIDTH:])
    upper = f"{head}{last + 1:0{PATH_SEGMENT_WIDTH}d}"
    return models.Q(**{f"{field}__gte": path, f"{field}__lt": upper})


def path_moved(field: str, old_path: str, new_path: str) -> Concat:
    """The SQL expression of `field` with its leading `old_path` replaced by `new_path`, for one
    UPDATE of a whole subtree (SUBSTR is 1-based on both databases)."""
    return Concat(
        models.Value(new_path),
        Substr(field, len(old_path) + 1),
        output_field=models.CharField(),
    )


def lineage_paths(path: str) -> list[str]:
    """The paths of the unit at `path` and of every unit above it, top first: "the units whose
    roles reach this one", one indexed IN list."""
    width = PATH_SEGMENT_WIDTH
    return [path[:end] for end in range(width, len(path) + 1, width)]


class Organisation(models.Model):
    """One tenant: a company with its own units, categories and numbering."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=10,
        default="CP",
        help_text=_("Complaint references look like PREFIX-2026-000123."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Hong_Kong")
    default_language = models.CharField(_("default language"), max_length=10, default="zh-hant")
    currency = models.CharField(_("currency"), max_length=3, default="HKD")
    reply_by_other_needs_receiver_confirmation = models.BooleanField(
        _("receiver confirms replies sent by others"),
        default=True,
        help_text=_(
            "When someone other than the original receiver replies, the receiver must confirm "
            "with the complainant that the reply reached them before the complaint can close."
        ),
    )
    failed_follow_up_attempts_to_close = models.PositiveSmallIntegerField(
        _("failed follow-up attempts that allow closing"), default=3
    )
    letterhead = models.TextField(
        _("letterhead"),
        blank=True,
        help_text=_(
            "The address and contact lines printed under the organisation's name at the top "
            "of every letter to a complainant."
        ),
    )
    route_new_complaints = models.BooleanField(
        _("route new complaints by the assignment rules"),
        default=False,
        help_text=_(
            "When a receiver registers a complaint, the first matching assignment rule "
            "chooses its handler at once."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    HEAD_OFFICE = "head_office", _("Head office")
    BOARD_OFFICE = "board_office", _("Board/executive office")
    REGION = "region", _("Region")
    DISTRICT = "district", _("District")
    BRANCH = "branch", _("Branch")
    SITE = "site", _("Site/property")
    DEPARTMENT = "department", _("Functional department")


class OrgUnit(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="units", verbose_name=_("organisation")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    path = models.CharField(_("path"), max_length=255, editable=False, db_index=True, default="")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="unit_code_unique_in_org"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The path is derived from the tree, so it is kept right here, the one place that
        # writes units; moving a unit rewrites its subtree, and publishes UnitMoved so that
        # the records filed under it (complaints) follow. `services.unit_move` is the move.
        with transaction.atomic():
            old_path = self.path
            if self.pk is None:
                super().save(*args, **kwargs)
            new_path = f"{self.parent.path if self.parent else ''}{self.pk:0{PATH_SEGMENT_WIDTH}d}"
            if self.parent and self.parent.organisation_id != self.organisation_id:
                raise ValueError("A unit's parent must belong to the same organisation.")
            if new_path.startswith(old_path) and old_path and new_path != old_path:
                raise ValueError("A unit cannot be moved below itself.")
            self.path = new_path
            kwargs.pop("force_insert", None)
            super().save(*args, **kwargs)
            if old_path and old_path != new_path:
                self._rewrite_descendant_paths(old_path, new_path)

    def _rewrite_descendant_paths(self, old_path: str, new_path: str) -> None:
        OrgUnit.objects.filter(subtree_q("path", old_path)).exclude(pk=self.pk).update(
            path=path_moved("path", old_path, new_path)
        )
        core_hooks.publish(UnitMoved(self.organisation_id, old_path, new_path))

    def contains(self, other: "OrgUnit") -> bool:
        return other.path.startswith(self.path)


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    home_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("home unit"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class RoleAssignment(models.Model):
    """A role held within a unit's scope: the unit and its whole subtree."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("unit")
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


# API tokens (tokens.py makes, checks and revokes them): "cdk_", 8 characters to find the row,
# then the secret.
TOKEN_PREFIX = "cdk_"
TOKEN_LOOKUP_LENGTH = 8


class ApiToken(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What uses it: “call centre”."))
    lookup = models.CharField(max_length=TOKEN_LOOKUP_LENGTH, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{TOKEN_PREFIX}{self.lookup}… ({self.name})"
