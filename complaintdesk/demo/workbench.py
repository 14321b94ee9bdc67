"""Demo work beyond single complaints, made through its services once the stories have played:
tasks engineering owes for facilities complaints (one of them late), and an incident about the
lifts with its handling recorded and its complaints linked, ready for a newcomer to run."""

from datetime import datetime, timedelta

from django.utils import timezone

from complaintdesk.complaints.choices import (
    OPEN_STATUSES,
    RemedyType,
    ReplyChannel,
    Responsibility,
    Status,
)
from complaintdesk.complaints.models import Complaint
from complaintdesk.handling_tasks.services import task_ask, tasks_overdue_warn
from complaintdesk.incidents.services import incident_link, incident_open, incident_update

from .org import Directory
from .org_data import HK


def lift_complaints(directory: Directory) -> list[Complaint]:
    """Open lift complaints of the Hong Kong property manager's Sha Tin district, oldest first."""
    district = directory.unit(HK, "D-ST")
    return list(
        Complaint.objects.filter(
            organisation=directory.organisations[HK],
            category__code="FAC-LIFT",
            status__in=OPEN_STATUSES,
            unit_path__startswith=district.path,
        ).order_by("received_at", "id")
    )


def workbench_build(directory: Directory, now: datetime) -> None:
    lifts = lift_complaints(directory)
    engineering = directory.unit(HK, "ENG")
    engineer = directory.users["hk.engineer"]
    investigating = list(
        Complaint.objects.filter(
            organisation=directory.organisations[HK],
            status=Status.INVESTIGATING,
            handler__isnull=False,
            category__code__startswith="FAC-",
        ).order_by("received_at", "id")
    )
    # The first was asked a week ago for three days later: it is late, and its handler has
    # been told by the sweep below; the second was asked yesterday. Each goes to a complaint
    # quiet since before it was asked, so that the task comes after everything on its timeline
    # whatever the day the demo is loaded.
    taken: set[int] = set()
    for days_ago in (7, 1):
        asked = now - timedelta(days=days_ago)
        complaint = next(
            (c for c in investigating if c.pk not in taken and c.last_activity_at <= asked), None
        )
        if complaint is None or complaint.handler is None:
            continue
        taken.add(complaint.pk)
        task_ask(
            complaint, complaint.handler, title="到場檢查設施並更換損壞零件",
            unit=engineering, owner=engineer, at=asked,
            due=timezone.localdate(asked) + timedelta(days=3),
            details="請派員到場檢查投訴所述設施，維修後回報結果及日期。",
        )  # fmt: skip
    tasks_overdue_warn(now - timedelta(minutes=5))

    manager = directory.users["hk.district"]
    incident = incident_open(
        directory.organisations[HK], manager,
        title="沙田區升降機門感應器故障 Sha Tin lift door sensors",
        description="同一批門感應器在多座大廈先後失靈。", at=now - timedelta(hours=2),
    )  # fmt: skip
    incident_update(
        incident, manager,
        findings="承辦商去年更換的同一批門感應器有製造缺陷，已全數更換。",
        responsibility=Responsibility.THIRD_PARTY, remedy_type=RemedyType.REPAIR,
        reasons="故障源於承辦商供應的零件，已由承辦商免費更換。",
        appeal_route="如不同意處理結果，可於三十日內致函總辦事處投訴組要求覆核。",
        reply_channel=ReplyChannel.EMAIL,
        reply_zh_hant="您好，升降機門感應器故障源於同一批有缺陷的零件，承辦商已全數更換。",
        reply_zh_hans="您好，电梯门感应器故障源于同一批有缺陷的零件，承办商已全部更换。",
        reply_en="The lift door sensors failed because of one faulty batch; all were replaced.",
    )  # fmt: skip
    for complaint in lifts[:4]:
        if complaint.status in OPEN_STATUSES:
            incident_link(incident, complaint, manager, at=now - timedelta(minutes=30))
