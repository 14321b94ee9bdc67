"""The dashboard page and its workbook: figures only from the viewer's units, filters checked
in the reader's language, every table in the download."""

import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Channel, Grade
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    RootCauseFactory,
    UserFactory,
    complaint_at,
    drive_to,
    manager_for,
    org_tree,
    settle,
    staff,
)
from complaintdesk.sla.services import sla_sweep
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db


def _figures(response) -> dict:
    """The headline as the page shows it, by label."""
    return {rate.label: rate.value for rate in response.context["headline"]}


def _bars(response, key: str) -> dict:
    chart = next(c for c in response.context["charts"] if c["key"] == key)
    return dict(zip(chart["labels"], chart["series"][0]["values"], strict=True))


def test_a_district_manager_counts_only_the_complaints_of_their_district(client):
    # Given two complaints in one district and one in its sibling district
    tree = org_tree()
    complaint_at(tree.site, channel=Channel.PHONE)
    complaint_at(tree.other_site, channel=Channel.LETTER)
    complaint_at(tree.sibling_site, channel=Channel.EMAIL)
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))

    # When they open the dashboard
    response = client.get(reverse("analytics:dashboard"))

    # Then two complaints are counted, one on each of the district's sites
    assert _figures(response)["Received"] == "2"
    assert _bars(response, "by_unit") == {tree.site.name: 1, tree.other_site.name: 1}
    assert _bars(response, "by_channel") == {"Phone": 1, "Letter (written)": 1}


def test_head_office_sees_the_region_and_narrows_to_one_category_and_grade(client):
    # Given complaints of two categories and grades across the organisation
    tree = org_tree()
    lift, noise = (CategoryFactory(organisation=tree.organisation) for _ in range(2))
    complaint_at(tree.site, category=lift, grade=Grade.MAJOR)
    complaint_at(tree.sibling_site, category=lift, grade=Grade.MAJOR)
    complaint_at(tree.sibling_site, category=lift)
    complaint_at(tree.other_site, category=noise, grade=Grade.MAJOR)
    client.force_login(staff(Role.HQ_COMPLAINTS, tree.head_office))

    # When head office filters on the lift category's major complaints
    response = client.get(
        reverse("analytics:dashboard"), {"category": lift.code, "grade": Grade.MAJOR}
    )

    # Then the two of them are counted, and each bar's link keeps the filters
    assert _figures(response)["Received"] == "2"
    chart = next(c for c in response.context["charts"] if c["key"] == "by_unit")
    assert chart["labels"] == [tree.region.name]
    assert f"category={lift.code}" in chart["links"][0]
    assert "grade=major" in chart["links"][0]


def test_someone_who_oversees_no_unit_is_told_so(client):
    client.force_login(UserFactory())

    response = client.get(reverse("analytics:dashboard"))

    assert response.status_code == 200
    assert b'data-testid="dashboard-empty"' in response.content


def test_a_period_that_ends_before_it_starts_is_refused_in_the_readers_language(client):
    tree = org_tree()
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))
    today = timezone.localdate()

    response = client.get(
        reverse("analytics:dashboard"),
        {"start": today.isoformat(), "end": (today - timedelta(days=3)).isoformat()},
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )

    assert "期間的結束日期早於開始日期。" in response.content.decode()
    # and the figures fall back to the last ninety days rather than to nothing
    assert (response.context["filters"].end - response.context["filters"].start).days == 89


def test_the_workbook_holds_the_summary_and_every_chart_as_a_table(client):
    # Given three complaints, two by phone
    tree = org_tree()
    complaint_at(tree.site, channel=Channel.PHONE, subject="电梯故障")
    complaint_at(tree.site, channel=Channel.PHONE)
    complaint_at(tree.other_site, channel=Channel.LETTER)
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))

    # When the dashboard is downloaded in Simplified Chinese
    response = client.get(reverse("analytics:export"), HTTP_ACCEPT_LANGUAGE="zh-hans")

    # Then it opens in openpyxl with a summary sheet and one sheet per chart
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(workbook.sheetnames) == 1 + 14
    summary = {
        row[0]: row[1]
        for row in workbook[workbook.sheetnames[0]].iter_rows(min_row=2, values_only=True)
    }
    assert summary["已受理"] == "3"
    channels = {
        row[0]: row[1] for row in workbook["按投诉渠道"].iter_rows(min_row=2, values_only=True)
    }
    assert channels == {"电话": 2, "信函（书面）": 1}


def test_the_pareto_ranks_the_causes_of_closed_complaints_and_costs_them(client):
    # Given complaints closed for two root causes, three for one and one (paid 800) for another
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    lift, noise = (RootCauseFactory(organisation=tree.organisation) for _ in range(2))
    for cause, amount in ((lift, "0"), (lift, "0"), (lift, "0"), (noise, "800")):
        complaint = complaint_at(tree.site)
        drive_to(complaint, "investigating", by=manager)
        services.complaint_record_investigation(
            complaint, manager, findings="Found.", responsibility="organisation", root_cause=cause
        )
        services.complaint_propose(
            complaint, manager, remedy_type="compensation", reasons="Ours.", amount=Decimal(amount)
        )
        drive_to(complaint, "closed", by=manager)
    client.force_login(manager)

    # When the dashboard is read
    response = client.get(reverse("analytics:dashboard"))

    # Then the Pareto puts the lift first (3 of 4, 75%), then the noise (100%)
    pareto = next(c for c in response.context["charts"] if c["key"] == "root_causes")
    assert pareto["labels"] == [lift.label, noise.label]
    assert pareto["series"][0]["values"] == [3, 1]
    assert pareto["series"][1]["values"] == [75, 100]
    assert f"root_cause={lift.code}" in pareto["links"][0]
    # And the cost by cause puts the 800 paid for the noise first
    cost = next(c for c in response.context["charts"] if c["key"] == "cost_by_cause")
    assert cost["labels"][0] == noise.label
    assert cost["series"][0]["values"][0] == 800


def test_the_dashboard_shows_time_standards_satisfaction_and_first_answers_per_unit(client):
    # Given a district on the seed policy: one complaint answered once, settled and closed
    # (the follow-up call noted satisfaction 5), one rated 2 by its complainant, one open
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    settled = complaint_at(tree.site, channel=Channel.LETTER)
    drive_to(settled, "closed")
    rated = complaint_at(tree.other_site, channel=Channel.LETTER)
    drive_to(rated, "replied")
    services.complaint_rate(rated, 2)
    services.complaint_start_follow_up(rated, manager_for(rated))
    settle(rated, manager_for(rated))
    services.complaint_close(rated, manager_for(rated))
    complaint_at(tree.other_site, channel=Channel.PHONE)
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))

    # When the district manager opens the dashboard
    response = client.get(reverse("analytics:dashboard"))

    # Then the headline has satisfaction (one of two satisfied) and first answers (both)
    figures = _figures(response)
    assert figures["Satisfied complainants (CSAT)"] == "50.0%"
    assert figures["Average satisfaction (1–5)"] == "3.5"
    assert figures["Settled at the first answer"] == "100.0%"
    assert figures["Time standards met on time"] == "100.0%"
    # and each time standard is a bar by its name in the policy, met on time
    clocks = _bars(response, "by_clock")
    assert clocks and all(met > 0 for met in clocks.values())
    assert "Written reply" in " ".join(clocks)
    # and each site has its shares: on time, satisfied, first answer
    chart = next(c for c in response.context["charts"] if c["key"] == "quality_by_unit")
    shares = {
        label: [series["values"][i] for series in chart["series"]]
        for i, label in enumerate(chart["labels"])
    }
    assert shares[tree.site.name] == [100, 100, 100]
    assert shares[tree.other_site.name] == [100, 0, 100]


def test_the_anger_and_time_standard_charts_drill_down_to_their_complaints(client):
    # Given a furious complaint left open past its deadlines, and a calm one closed in time
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    furious = complaint_at(tree.site, channel=Channel.LETTER, anger_score=5)
    calm = complaint_at(tree.site, channel=Channel.LETTER, anger_score=2)
    drive_to(calm, "closed")
    sla_sweep(timezone.now() + timedelta(days=90))
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))
    response = client.get(reverse("analytics:dashboard"))
    charts = {chart["key"]: chart for chart in response.context["charts"]}

    def drilled(address: str) -> set[str]:
        assert address
        return {c.reference for c in client.get(address).context["page"].rows}

    # When the manager clicks anger 5, then anger 2
    anger = charts["anger"]
    # Then each lands on the queue of just that complaint
    assert drilled(anger["links"][anger["labels"].index("5")]) == {furious.reference}
    assert drilled(anger["links"][anger["labels"].index("2")]) == {calm.reference}

    # When they click the written reply's standard, on its "met" part and its "late" part
    clocks = charts["by_clock"]
    row = next(i for i, label in enumerate(clocks["labels"]) if "Written reply" in label)
    met, late = clocks["part_links"][row]
    # Then the late part lists the complaint left open, the met part the one answered
    assert drilled(late) == {furious.reference}
    assert drilled(met) == {calm.reference}
    # and the bar as a whole lists both
    assert drilled(clocks["links"][row]) == {furious.reference, calm.reference}
