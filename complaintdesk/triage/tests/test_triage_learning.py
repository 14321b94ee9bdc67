"""An organisation's own models: learnt from the suggestions its people corrected, put in use
only when they beat the models in use on labels held back, and used for its complaints only."""

from datetime import date

import pytest

from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    complaint_at,
    manager_for,
    org_tree,
)
from complaintdesk.triage.current import models_forget
from complaintdesk.triage.learning import FEWEST_LABELLED, retrain
from complaintdesk.triage.mapping import DEFAULT_CODES
from complaintdesk.triage.models import Field, TriageModel
from complaintdesk.triage.schedule import retrain_claim
from complaintdesk.triage.services import triage_answer

pytestmark = pytest.mark.django_db

BLOCKS = ("一", "二", "三", "五", "六", "七", "八", "九")
FAULTS = (
    "电梯门夹到人", "电梯突然下坠一层", "电梯按钮失灵", "电梯里灯不亮", "电梯运行时异响",
    "电梯门关不上",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_models():
    models_forget()
    yield
    models_forget()


def _lift_complaints_filed_as(tree, category: str | None, count: int) -> None:
    """`count` lift complaints, each answered: the category the organisation files them under
    (None: whatever was suggested, confirmed)."""
    for code in DEFAULT_CODES:
        CategoryFactory(organisation=tree.organisation, code=code, name_en=code.title())
    for n in range(count):
        block, fault = BLOCKS[n % len(BLOCKS)], FAULTS[n % len(FAULTS)]
        complaint = complaint_at(
            tree.site, subject=f"{block}座{fault}", description=f"第{block}座{fault}，第{n}次了"
        )
        chosen = category or complaint.triage.category
        triage_answer(complaint.triage, manager_for(complaint), Field.CATEGORY, chosen)


def test_an_organisation_that_files_lifts_under_safety_gets_models_that_learnt_it():
    # Given an organisation whose people filed forty lift complaints under safety, where the
    # seed models say facilities
    tree = org_tree()
    other = org_tree()
    _lift_complaints_filed_as(tree, "safety", 40)

    # When its models are retrained
    outcome = retrain(tree.organisation)

    # Then the new models beat the seed's on the held-back labels and are in use
    model = outcome.model
    assert model is not None and model.in_use
    assert (model.trained_on, model.held_out) == (32, 8)
    scores = model.scores
    assert scores["candidate"]["category_macro_f1"] > scores["incumbent"]["category_macro_f1"]
    assert scores["incumbent_name"].startswith("seed-")
    # and its next lift complaint is suggested as safety, by its own model
    models_forget()
    later = complaint_at(tree.site, subject="四座电梯门夹到人", description="四座电梯又夹到人")
    assert (later.triage.category, later.triage.model) == ("safety", model.name)
    # while another organisation's complaints are still read by the seed models
    elsewhere = complaint_at(other.site, subject="四座电梯门夹到人", description="四座电梯又夹到人")
    assert elsewhere.triage.model.startswith("seed-")


def test_models_no_better_than_those_in_use_are_kept_but_not_used():
    # Given labels that only confirm what the seed models said
    tree = org_tree()
    _lift_complaints_filed_as(tree, None, 30)

    # When retrained
    outcome = retrain(tree.organisation)

    # Then the attempt is kept, with both scores, and the seed models stay in use
    assert outcome.model is not None and not outcome.model.in_use
    assert not TriageModel.objects.filter(in_use=True).exists()


def test_too_few_labels_train_nothing():
    tree = org_tree()
    _lift_complaints_filed_as(tree, "safety", FEWEST_LABELLED - 1)
    outcome = retrain(tree.organisation)
    assert outcome.model is None
    assert str(FEWEST_LABELLED) in outcome.reason


def test_retraining_is_claimed_once_a_week_and_only_after_new_labels():
    tree = org_tree()
    monday, friday, next_monday = date(2026, 12, 7), date(2026, 12, 11), date(2026, 12, 14)
    # With no labels yet, nothing to learn
    assert retrain_claim(tree.organisation, monday) is False
    _lift_complaints_filed_as(tree, "safety", 1)
    # With one, the week is claimed once
    assert retrain_claim(tree.organisation, monday) is True
    assert retrain_claim(tree.organisation, friday) is False
    # and the next week again, the label being no older than the last claim
    assert retrain_claim(tree.organisation, next_monday) is True
