"""`manage.py ingest_email --organisation CODE` for an MTA's pipe: one message on standard
input, the reference it created or joined printed back."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import org_tree
from complaintdesk.complaints.tests.public import open_form

from .messages import raw_mail

pytestmark = pytest.mark.django_db(transaction=True)


def _pipe(monkeypatch, raw: bytes, code: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("ingest_email", "--organisation", code, stdout=out)
    return out.getvalue().strip()


def test_a_piped_message_prints_the_reference_it_created_and_again_when_piped_twice(
    monkeypatch,
):
    # Given an organisation whose public form's unit takes mailed complaints too
    tree = org_tree()
    open_form(tree)
    raw = raw_mail(subject="電梯壞了", body="第二座電梯壞了。", charset="big5")

    # When the MTA pipes the message in, and (after a retry) once more
    first = _pipe(monkeypatch, raw, tree.organisation.code)
    second = _pipe(monkeypatch, raw, tree.organisation.code)

    # Then it printed the new complaint's reference both times, and there is one complaint
    complaint = Complaint.objects.get()
    assert first == second == complaint.reference
    assert complaint.subject == "電梯壞了"


def test_an_automatic_reply_piped_in_prints_what_it_was_taken_for(monkeypatch):
    tree = org_tree()
    open_form(tree)
    raw = raw_mail(subject="Out of office", headers={"Auto-Submitted": "auto-replied"})

    assert _pipe(monkeypatch, raw, tree.organisation.code) == "auto-reply"
    assert not Complaint.objects.exists()


def test_an_unknown_organisation_is_refused(monkeypatch):
    with pytest.raises(CommandError):
        _pipe(monkeypatch, raw_mail(), "no-such-organisation")
