"""Set-up for tests of the complainant's own side: an organisation's public form, and a
complaint sent through it with the real service."""

from typing import Any

from complaintdesk.complaints import services
from complaintdesk.complaints.models import Complaint, PublicForm

from .factories import OrgTree


def open_form(tree: OrgTree, **fields: Any) -> PublicForm:
    """The organisation's form, landing in its district, naming both of the district's sites."""
    form = PublicForm.objects.create(
        organisation=tree.organisation, intake_unit=tree.district, **fields
    )
    form.sites.set([tree.site, tree.other_site])
    return form


def submitted(tree: OrgTree, **fields: Any) -> Complaint:
    values: dict[str, Any] = {
        "intake_key": "web:test",
        "name": "陳大文",
        "phone": "9123 4567",
        "email": "tai.man@example.com",
        "language": "zh-hant",
        "subject": "升降機停用三日",
        "description": "第二座升降機已停用三日，長者無法出入。",
    }
    values.update(fields)
    return services.complaint_submit(organisation=tree.organisation, **values).complaint
