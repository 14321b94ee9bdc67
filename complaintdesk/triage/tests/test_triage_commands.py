"""The commands: triage_predict's JSON Lines, which an evaluator pipes texts through."""

import io
import json

from django.core.management import call_command


def _predict(lines: str, monkeypatch) -> list[dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    out = io.StringIO()
    call_command("triage_predict", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_line_in_gets_one_line_out_with_every_field(monkeypatch):
    # Given two complaints as JSON Lines, one in Traditional Chinese
    given = (
        '{"id": "a1", "text": "升降機壞咗成個禮拜，管理處完全冇人理，再唔修我就搵傳媒"}\n'
        '{"id": 7, "text": "Thank you for the quick refund, very helpful staff."}\n'
    )

    # When they are piped through triage_predict
    rows = _predict(given, monkeypatch)

    # Then each gets its id back and every field the evaluation reads
    assert [row["id"] for row in rows] == ["a1", 7]
    for row in rows:
        assert row["category"] in (
            "product", "service", "price", "logistics", "facilities", "safety", "other"
        )  # fmt: skip
        assert isinstance(row["is_complaint"], bool)
        assert row["anger"] in range(1, 6)
        assert isinstance(row["escalation_risk"], bool)
        assert row["ms"] >= 0
    assert rows[0]["language"] == "zh-hant"
    assert rows[0]["escalation_risk"] is True
    assert rows[1]["is_complaint"] is False


def test_a_bad_line_is_reported_and_the_rest_go_on(monkeypatch):
    rows = _predict('not json\n{"id": 2}\n\n{"id": 3, "text": "lift broken"}\n', monkeypatch)
    assert [row.get("error") is not None for row in rows] == [True, True, False]
    assert rows[1]["id"] == 2
    assert rows[2]["id"] == 3
