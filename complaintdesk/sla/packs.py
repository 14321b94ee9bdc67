"""The four policy packs of regulations.md, shipped as data that administrators may edit.

Each clock reads: what it is called in three languages, how long it allows, in which unit,
which channels and grades it covers, what meets it, its warning points, what happens at
breach, and the extensions it allows. Installing again restores the shipped values of these
packs (matched by code and clock name) and leaves every other policy alone.
"""

from typing import Any, TypedDict

from .models import ClockRule as CurrentClockRule
from .models import Policy as CurrentPolicy


class Pack(TypedDict):
    code: str
    names: tuple[str, str, str]  # English, 简体, 繁體
    description: str
    reply_wording: str
    review_window_days: int | None
    acknowledge_in_writing: bool
    # Each clock: "name", "names" (as above), then ClockRule's fields as they are stored.
    clocks: list[dict[str, Any]]


WRITTEN = ["letter", "email", "web_form", "social_media", "regulator", "api", "executive_office"]
WARN_75_AND_A_DAY = [{"percent": 75}, {"working_days_before": 1}]
# Replies that are in writing: what a written reply or a final response must be.
IN_WRITING = ["letter", "email"]

PACKS: list[Pack] = [
    {
        "code": "seed-hk-property",
        "names": (
            "Hong Kong property management (seed practice)",
            "香港物业管理（种子实践）",
            "香港物業管理（種子實踐）",
        ),
        "description": "Verbal complaints answered on the spot; written ones in writing within "
        "3 working days; oral progress updates every 10 working days while unfinished; "
        "executive-office entries owned by a regional GM with a written report to executives.",
        "reply_wording": "",
        "review_window_days": None,
        "acknowledge_in_writing": True,
        "clocks": [
            {
                "name": "first_response",
                "names": ("First response", "首次回应", "首次回應"),
                "amount": 10,
                "unit": "minutes",
                "channels": ["phone", "visit"],
                "stops_on": "acknowledged",
                "pauses_when_awaiting": False,
                "warnings": [{"minutes_before": 3}],
            },
            {
                "name": "reply",
                "names": ("Written reply", "书面回复", "書面回覆"),
                "amount": 3,
                "unit": "working_days",
                "channels": WRITTEN,
                "stops_on": "replied",
                "reply_channels": IN_WRITING,
                "warnings": WARN_75_AND_A_DAY,
            },
            {
                "name": "progress_update",
                "names": ("Oral progress update", "口头进度通报", "口頭進度通報"),
                "amount": 10,
                "unit": "working_days",
                "stops_on": "contact",
                "repeats": True,
                "warnings": [{"working_days_before": 1}],
                "on_breach": "notify",
            },
            {
                "name": "executive_report",
                "names": (
                    "Written report to executives",
                    "向高层提交书面报告",
                    "向高層提交書面報告",
                ),
                "amount": 5,
                "unit": "working_days",
                "channels": ["executive_office"],
                "stops_on": "executive_report",
                "warnings": WARN_75_AND_A_DAY,
            },
            {
                "name": "board_report",
                "names": (
                    "Board-office report to executives",
                    "董事会办公室报告",
                    "董事會辦公室報告",
                ),
                "amount": 5,
                "unit": "working_days",
                "starts_at_level": 4,
                "stops_on": "executive_report",
                "warnings": WARN_75_AND_A_DAY,
            },
        ],
    },
    {
        "code": "cn-banking-2020",
        "names": (
            "China banking and insurance complaints (2020)",
            "银行业保险业消费投诉处理管理办法（2020）",
            "銀行業保險業消費投訴處理管理辦法（2020）",
        ),
        "description": "Decision within 15 days of receipt (calendar days; switch the unit to "
        "working days if your institution reads it so), extendable to 30 and, with approval "
        "of the higher-level institution, to 60 at most; the complainant is told of each "
        "extension; review may be requested within 30 days of the decision.",
        "reply_wording": "如对处理决定有异议，可自收到处理决定之日起30日内向上级机构书面申请核查，"
        "亦可申请调解、仲裁或依法提起诉讼。",
        "review_window_days": 30,
        "acknowledge_in_writing": True,
        "clocks": [
            {
                "name": "decision",
                "names": ("Decision", "处理决定", "處理決定"),
                "amount": 15,
                "unit": "days",
                "stops_on": "replied",
                "warnings": WARN_75_AND_A_DAY,
                "extensions": [{"amount": 30}, {"amount": 60, "approval_role": "regional_gm"}],
            },
        ],
    },
    {
        "code": "uk-fca-disp",
        "names": ("UK FCA DISP", "英国金融行为监管局 DISP", "英國金融行為監管局 DISP"),
        "description": "Summary resolution by the close of the third business day after "
        "receipt; otherwise a final response by the end of eight weeks.",
        "reply_wording": "If you are not satisfied with our response you may refer your "
        "complaint to the Financial Ombudsman Service (www.financial-ombudsman.org.uk) within "
        "six months of the date of our final response.",
        "review_window_days": None,
        "acknowledge_in_writing": True,
        "clocks": [
            {
                "name": "summary_resolution",
                "names": ("Summary resolution", "简易解决", "簡易解決"),
                "amount": 3,
                "unit": "working_days",
                "stops_on": "replied",
                "pauses_when_awaiting": False,
                "warnings": [{"percent": 75}],
                "on_breach": "lapse",
            },
            {
                "name": "final_response",
                "names": ("Final response", "最终答复", "最終答覆"),
                "amount": 8,
                "unit": "weeks",
                "stops_on": "replied",
                # DISP 1.6: the final response is a written response.
                "reply_channels": IN_WRITING,
                "pauses_when_awaiting": False,
                "warnings": [{"percent": 75}, {"working_days_before": 5}],
            },
        ],
    },
    {
        "code": "us-cfpb",
        "names": (
            "US CFPB complaint process",
            "美国消费者金融保护局投诉流程",
            "美國消費者金融保護局投訴流程",
        ),
        "description": "Response within 15 calendar days; final response within 60.",
        "reply_wording": "",
        "review_window_days": None,
        "acknowledge_in_writing": True,
        "clocks": [
            {
                "name": "response",
                "names": ("Response", "回应", "回應"),
                "amount": 15,
                "unit": "days",
                "stops_on": "replied",
                "warnings": WARN_75_AND_A_DAY,
            },
            {
                "name": "final_response",
                "names": ("Final response", "最终答复", "最終答覆"),
                "amount": 60,
                "unit": "days",
                "stops_on": "replied",
                "warnings": WARN_75_AND_A_DAY,
            },
        ],
    },
]


def packs_install(Policy=CurrentPolicy, ClockRule=CurrentClockRule) -> None:
    """Install or restore the shipped packs; the models may be a migration's historical ones."""
    for pack in PACKS:
        en, hans, hant = pack["names"]
        # A migration's historical models may predate a field the packs now set: skip it there.
        policy_fields = {field.name for field in Policy._meta.get_fields()}
        settings = {
            "name_en": en,
            "name_zh_hans": hans,
            "name_zh_hant": hant,
            "description": pack["description"],
            "reply_wording": pack["reply_wording"],
            "review_window_days": pack["review_window_days"],
            "acknowledge_in_writing": pack["acknowledge_in_writing"],
        }
        policy, _ = Policy.objects.update_or_create(
            code=pack["code"],
            defaults={key: value for key, value in settings.items() if key in policy_fields},
        )
        fields = {field.name for field in ClockRule._meta.get_fields()}
        for position, clock in enumerate(pack["clocks"]):
            values = {key: value for key, value in clock.items() if key in fields | {"names"}}
            name = values.pop("name")
            en, hans, hant = values.pop("names")
            ClockRule.objects.update_or_create(
                policy=policy,
                name=name,
                defaults={
                    "position": position,
                    "name_en": en,
                    "name_zh_hans": hans,
                    "name_zh_hant": hant,
                    **values,
                },
            )
