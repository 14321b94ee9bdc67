"""Which models read an organisation's complaints: its own in use (learning.py), else the
seed models. Each process keeps what it read for a minute, so a registration costs no query
for it and a newly trained model is taken up within a minute everywhere."""

import time

from .linear import LinearModel
from .models import TriageModel
from .seeding import seed_models

# Seconds a process trusts what it read.
KEPT_FOR = 60.0

_read: dict[int, tuple[float, int | None, tuple[str, dict[str, LinearModel]]]] = {}


def models_for(organisation_id: int) -> tuple[str, dict[str, LinearModel]]:
    """(name, {kind: model}) for the organisation."""
    now = time.monotonic()
    kept = _read.get(organisation_id)
    if kept is not None and now - kept[0] < KEPT_FOR:
        return kept[2]
    in_use = (
        TriageModel.objects.filter(organisation_id=organisation_id, in_use=True)
        .values_list("pk", flat=True)
        .first()
    )
    if kept is not None and kept[1] == in_use:
        _read[organisation_id] = (now, in_use, kept[2])
        return kept[2]
    if in_use is None:
        chosen = seed_models()
    else:
        row = TriageModel.objects.get(pk=in_use)
        chosen = (row.name, {kind: LinearModel.from_data(d) for kind, d in row.data.items()})
    _read[organisation_id] = (now, in_use, chosen)
    return chosen


def models_forget() -> None:
    """Forget what was read (tests, and a command that has just trained)."""
    _read.clear()
