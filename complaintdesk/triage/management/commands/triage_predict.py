"""JSON Lines in ({"id": …, "text": …} per line), one JSON line out per line: the triage's
suggestions as a machine reads them. A line that is not such an object gets an "error" line
with its id where it has one, and the rest go on."""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from complaintdesk.triage.engine import triage_text
from complaintdesk.triage.seeding import seed_models


class Command(BaseCommand):
    help = "Suggest category, complaint or not, anger, risk and language for JSON Lines on stdin"

    def handle(self, *args: Any, **options: Any) -> None:
        seed_models()  # loaded before the first line, so its time is not that line's
        out = self.stdout
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            row = _row(line)
            if not isinstance(row.get("text"), str):
                error = 'each line is a JSON object with the complaint\'s "text" as a string'
                out.write(json.dumps({"id": row.get("id"), "line": number, "error": error}))
                continue
            found = triage_text(row["text"])
            out.write(
                json.dumps(
                    {
                        "id": row.get("id"),
                        "category": found.category.value,
                        "is_complaint": found.is_complaint.value,
                        "anger": found.anger.value,
                        "escalation_risk": found.escalation_risk,
                        "risk_kinds": sorted(found.risks),
                        "language": found.language,
                        "grade": found.grade.value,
                        "confidence": {
                            "category": round(found.category.confidence, 3),
                            "is_complaint": round(found.is_complaint.confidence, 3),
                            "anger": round(found.anger.confidence, 3),
                        },
                        "ms": round(found.ms, 3),
                    },
                    ensure_ascii=False,
                )
            )


def _row(line: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except ValueError:
        return {}
    return row if isinstance(row, dict) else {}
