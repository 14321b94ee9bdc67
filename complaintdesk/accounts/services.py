"""Writes of the organisation tree."""

from django.db import transaction

from .models import OrgUnit


def unit_move(unit: OrgUnit, parent: OrgUnit | None) -> OrgUnit:
    """Put `unit` (and everything below it) under `parent`. The paths of the subtree are
    rewritten in one UPDATE, and the apps that file records by path follow in one UPDATE each
    (hooks.UnitMoved), however many complaints lie there. Refused (ValueError) below itself or
    across organisations."""
    with transaction.atomic():
        locked = OrgUnit.objects.select_for_update().get(pk=unit.pk)
        locked.parent = parent
        locked.save()
    unit.parent, unit.path = locked.parent, locked.path
    return locked
