"""One row of an import file read into a historical complaint, or the reasons its cells cannot
be (the record rules are the import service's to check).

A reader is built once per run: the organisation's units, sites, categories, root causes and
staff are read into dictionaries then, so that a row costs no query however many there are.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaintdesk.accounts.models import Organisation, OrgUnit, UnitKind, User
from complaintdesk.complaints.choices import Channel, Grade, Language, RiskFlag, Status
from complaintdesk.complaints.models import Category, RootCause
from complaintdesk.complaints.services import HistoricalComplaint
from complaintdesk.core.scripts import language_of
from complaintdesk.core.zones import zone_named
from complaintdesk.customers.services import ContactDetails

from .fields import FIELD_LABELS
from .values import CellError, ChoiceReader, amount_of, text_of, when_of, whole_number_of

_TEXT_FIELDS = (
    "external_id",
    "subject",
    "description",
    "complainant_name",
    "phone",
    "email",
    "demand",
    "claimed_loss_currency",
    "findings",
)
_RECEIPT_REQUIRED = gettext_lazy("The time of receipt is required.")
_UNIT_REQUIRED = gettext_lazy("The unit is required: map its column or choose a default unit.")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class RowResult:
    row: int
    complaint: HistoricalComplaint | None = None
    problems: list[Problem] = field(default_factory=list)


def _by_code(items: Any) -> dict[str, Any]:
    return {item.code.strip().casefold(): item for item in items}


class RowReader:
    """Reads rows with one mapping ({our field: their header}) and one set of defaults (what
    a column left empty, or not in the file at all, is taken to be)."""

    def __init__(
        self,
        organisation: Organisation,
        mapping: dict[str, str],
        defaults: dict[str, Any],
    ) -> None:
        self.organisation = organisation
        self.default_language = organisation.default_language
        self.mapping = mapping
        self.defaults = defaults
        self.zone = zone_named(defaults.get("time_zone") or organisation.time_zone)
        self.day_first = bool(defaults.get("day_first"))
        units = OrgUnit.objects.filter(organisation=organisation)
        self.units = _by_code(u for u in units if u.kind != UnitKind.SITE)
        self.sites = _by_code(u for u in units if u.kind == UnitKind.SITE)
        self.categories = _by_code(Category.objects.filter(organisation=organisation))
        self.root_causes = _by_code(RootCause.objects.filter(organisation=organisation))
        self.staff = {
            user.username.casefold(): user
            for user in User.objects.filter(is_active=True).filter(
                role_assignments__unit__organisation=organisation
            )
        }
        self.channel = ChoiceReader(Channel, _("Unknown channel “%(value)s”."))
        self.status = ChoiceReader(Status, _("Unknown status “%(value)s”."))
        self.grade = ChoiceReader(Grade, _("Unknown grade “%(value)s”."))
        self.language = ChoiceReader(Language, _("Unknown language “%(value)s”."))
        self.risks = ChoiceReader(RiskFlag, _("Unknown risk flag “%(value)s”."))
        # The messages are translated here, once, not for every row.
        self.find_unit = self._finder(self.units, _("No unit with the code “%(value)s”."))
        self.find_site = self._finder(self.sites, _("No site with the code “%(value)s”."))
        self.find_category = self._finder(self.categories, _("No category “%(value)s”."))
        self.find_root_cause = self._finder(self.root_causes, _("No root cause “%(value)s”."))
        self.find_handler = self._finder(self.staff, _("No member of staff “%(value)s”."))
        # (field, its header, what an empty cell is, the cell's reader, the field's value when
        # neither the cell nor the defaults give one), decided once for every row.
        readers: list[tuple[str, Any, Any]] = [
            ("received_at", self._when, None),
            ("closed_at", self._when, None),
            ("first_replied_at", self._when, None),
            ("channel", self.channel, Channel.IMPORT),
            ("status", self.status, Status.CLOSED),
            ("grade", self.grade, Grade.GENERAL),
            ("language", self.language, ""),
            ("risks", self.risks.many, frozenset()),
            ("anger_score", whole_number_of, None),
            ("claimed_loss_amount", amount_of, None),
            ("unit", self.find_unit, None),
            ("site", self.find_site, None),
            ("category", self.find_category, None),
            ("root_cause", self.find_root_cause, None),
            ("handler", self.find_handler, None),
            *((name, text_of, "") for name in _TEXT_FIELDS),
        ]
        self.plan = [
            (name, mapping.get(name, ""), defaults.get(name) or None, reader, empty)
            for name, reader, empty in readers
        ]

    def read(self, number: int, cells: dict[str, Any]) -> RowResult:
        result = RowResult(number)
        values: dict[str, Any] = {}
        for name, header, default, reader, empty in self.plan:
            raw = cells.get(header) if header else None
            if raw is None or raw == "" or (isinstance(raw, str) and not raw.strip()):
                raw = default
            try:
                values[name] = reader(raw) if raw is not None else empty
            except CellError as error:
                result.problems.append(
                    Problem(number, header or str(FIELD_LABELS[name]), error.message)
                )
                values[name] = empty
        for name, message in (
            ("received_at", _RECEIPT_REQUIRED),
            ("unit", _UNIT_REQUIRED),
        ):
            header = self.mapping.get(name, "") or str(FIELD_LABELS[name])
            if values[name] is None and not any(p.column == header for p in result.problems):
                result.problems.append(Problem(number, header, str(message)))
        if result.problems:
            return result
        complaint = HistoricalComplaint(
            unit=values["unit"],
            received_at=values["received_at"],
            subject=values["subject"],
            description=values["description"],
            complainant=ContactDetails(
                values["complainant_name"], values["phone"], values["email"]
            ),
            channel=values["channel"],
            status=values["status"],
            closed_at=values["closed_at"],
            first_replied_at=values["first_replied_at"],
            # Detected here, once: the import service would otherwise detect it twice, for
            # the check and for the write.
            language=values["language"]
            or language_of(f"{values['subject']}\n{values['description']}", self.default_language),
            external_id=values["external_id"],
            site=values["site"],
            category=values["category"],
            grade=values["grade"],
            anger_score=values["anger_score"],
            risks=values["risks"],
            root_cause=values["root_cause"],
            handler=values["handler"],
            demand=values["demand"],
            claimed_loss_amount=values["claimed_loss_amount"],
            claimed_loss_currency=values["claimed_loss_currency"].upper(),
            findings=values["findings"],
        )
        result.complaint = complaint
        return result

    def _when(self, value: Any) -> Any:
        return when_of(value, self.zone, day_first=self.day_first)

    @staticmethod
    def _finder(known: dict[str, Any], unknown: str) -> Any:
        """Codes and user names are compared without regard to case: "hk-d1" is HK-D1."""

        def find(value: Any) -> Any:
            text = text_of(value)
            found = known.get(text.casefold())
            if found is None:
                raise CellError(unknown % {"value": text})
            return found

        return find
