"""A PATCH of a complaint read into the two services that change it: the structured record
(`complaint_update_record`) and the classification (`complaint_classify`). Codes are looked up
in the complaint's own organisation, so a code of another organisation is simply unknown."""

from django.utils.translation import gettext as _

from complaintdesk.accounts.models import OrgUnit, UnitKind
from complaintdesk.complaints.choices import Grade, Language, RiskFlag
from complaintdesk.complaints.models import Category, Complaint
from complaintdesk.complaints.services.intake import CLASSIFICATION_FIELDS, RECORD_FIELDS

from .errors import ApiError
from .schemas import ComplaintPatch


def _site(complaint: Complaint, code: str) -> OrgUnit | None:
    if not code:
        return None
    site = OrgUnit.objects.filter(
        organisation_id=complaint.organisation_id, code=code, kind=UnitKind.SITE
    ).first()
    if site is None:
        raise ApiError(422, "invalid", _("Unknown site."), "site")
    return site


def _category(complaint: Complaint, code: str) -> Category | None:
    if not code:
        return None
    category = Category.objects.filter(
        organisation_id=complaint.organisation_id, code=code, is_active=True
    ).first()
    if category is None:
        raise ApiError(422, "invalid", _("Unknown category."), "category")
    return category


def patch_values(complaint: Complaint, payload: ComplaintPatch) -> tuple[dict, dict]:
    """(record values, classification values) of what the caller sent; a field sent as null
    is left alone, as one left out is."""
    sent = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if sent.get("language", Language.EN) not in Language.values:
        raise ApiError(422, "invalid", _("Unknown language."), "language")
    if sent.get("grade", Grade.GENERAL) not in Grade.values:
        raise ApiError(422, "invalid", _("Unknown grade."), "grade")
    if "site" in sent:
        sent["site"] = _site(complaint, sent["site"])
    if "category" in sent:
        sent["category"] = _category(complaint, sent["category"])
    if "risk_flags" in sent:
        flags = set(sent.pop("risk_flags"))
        if flags - set(RiskFlag.values):
            raise ApiError(422, "invalid", _("Unknown risk flag."), "risk_flags")
        for flag in RiskFlag.values:
            sent[f"risk_{flag}"] = flag in flags
    record = {k: v for k, v in sent.items() if k in RECORD_FIELDS}
    classification = {k: v for k, v in sent.items() if k in CLASSIFICATION_FIELDS}
    return record, classification
