"""Create the demo organisations, their unit trees, staff with roles, category codes and root
causes from `org_data`. Configuration rows are written directly: there are no services for them
(yet); complaints, by contrast, only ever go through the complaint services."""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from complaintdesk.accounts.models import Organisation, OrgUnit, RoleAssignment, UnitKind, User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.models import Category, PublicForm, RootCause

from . import org_data

DEMO_PASSWORD = "demo12345"


@dataclass
class Directory:
    """Everything the stories need to look up by code or username."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    units: dict[str, dict[str, OrgUnit]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    categories: dict[str, dict[str, Category]] = field(default_factory=dict)
    root_causes: dict[str, dict[str, RootCause]] = field(default_factory=dict)

    def unit(self, org_key: str, code: str) -> OrgUnit:
        return self.units[org_key][code]

    def sites_of(self, org_key: str, unit_code: str) -> list[OrgUnit]:
        parent = self.unit(org_key, unit_code)
        return [u for u in self.units[org_key].values() if u.parent_id == parent.pk]


def build_directory() -> Directory:
    directory = Directory()
    # One hash for every demo account: hashing is deliberately slow (PBKDF2), and forty
    # hashes of the same, publicly documented password would cost seconds for nothing.
    password_hash = make_password(DEMO_PASSWORD)
    for org_key, values in org_data.ORGANISATIONS.items():
        organisation = Organisation.objects.create(code=org_key, **values)
        directory.organisations[org_key] = organisation
        directory.units[org_key] = _build_units(organisation, org_data.UNITS[org_key])
        directory.categories[org_key] = _build_categories(
            organisation, org_data.CATEGORIES[org_key]
        )
        directory.root_causes[org_key] = {
            code: RootCause.objects.create(
                organisation=organisation,
                code=code,
                name_en=name_en,
                name_zh_hans=name_hans,
                name_zh_hant=name_hant,
            )
            for code, name_en, name_hans, name_hant in org_data.ROOT_CAUSES
        }
        _open_public_form(organisation, directory.units[org_key])
        language = "zh-hant" if org_key == org_data.HK else "zh-hans"
        for username, display_name, home, roles, is_staff in org_data.USERS[org_key]:
            user = _create_user(
                username,
                display_name,
                directory.unit(org_key, home),
                language,
                password_hash,
                is_staff=is_staff,
            )
            for role, unit_code in roles:
                RoleAssignment.objects.create(
                    user=user, role=role, unit=directory.unit(org_key, unit_code)
                )
            directory.users[username] = user
    admin = _create_user(
        "admin",
        "Demo Administrator",
        directory.unit(org_data.HK, "HO"),
        "en",
        password_hash,
        is_staff=True,
        is_superuser=True,
    )
    for org_key in org_data.ORGANISATIONS:
        RoleAssignment.objects.create(
            user=admin, role=Role.ADMINISTRATOR, unit=directory.unit(org_key, "HO")
        )
    directory.users["admin"] = admin
    return directory


def _open_public_form(organisation: Organisation, units: dict[str, OrgUnit]) -> None:
    form = PublicForm.objects.create(
        organisation=organisation,
        intake_unit=units[org_data.PUBLIC_FORM_UNITS[organisation.code]],
    )
    form.sites.set([unit for unit in units.values() if unit.kind == UnitKind.SITE])


def _build_units(organisation: Organisation, rows) -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, parent_code, kind, name in rows:
        units[code] = OrgUnit.objects.create(
            organisation=organisation,
            parent=units[parent_code] if parent_code else None,
            kind=kind,
            code=code,
            name=name,
        )
    return units


def _build_categories(organisation: Organisation, rows) -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for order, (code, parent_code, name_en, name_hans, name_hant) in enumerate(rows, start=1):
        categories[code] = Category.objects.create(
            organisation=organisation,
            parent=categories[parent_code] if parent_code else None,
            code=code,
            sort_order=order * 10,
            name_en=name_en,
            name_zh_hans=name_hans,
            name_zh_hant=name_hant,
        )
    return categories


def _create_user(
    username: str,
    display_name: str,
    home_unit: OrgUnit,
    language: str,
    password_hash: str,
    *,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    domain = "harbourview.example.hk" if username.startswith("hk.") else "huaxin.example.cn"
    return User.objects.create(
        username=username,
        password=password_hash,
        display_name=display_name,
        email=f"{username}@{domain}" if username != "admin" else "admin@complaintdesk.example",
        home_unit=home_unit,
        preferred_language=language,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
