"""The fields of ours an import file's columns can fill, and guessing which column is which.

The guess reads header names as offices write them in English, Simplified and Traditional
Chinese; a source's saved mapping always wins over a guess.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ImportField:
    name: str
    label: str | Promise
    required: bool = False
    aliases: tuple[str, ...] = ()


FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "external_id",
        _("External id"),
        aliases=(
            "external id",
            "id",
            "reference",
            "ref",
            "ref no",
            "case no",
            "case number",
            "ticket",
            "投诉编号",
            "投訴編號",
            "编号",
            "編號",
            "案件编号",
            "案件編號",
            "工单号",
            "工單號",
            "参考编号",
            "參考編號",
        ),
    ),
    ImportField(
        "received_at",
        _("Received at"),
        required=True,
        aliases=(
            "received at",
            "received",
            "date received",
            "received date",
            "date",
            "投诉时间",
            "投訴時間",
            "投诉日期",
            "投訴日期",
            "接收时间",
            "接收時間",
            "受理时间",
            "受理時間",
            "日期",
            "时间",
            "時間",
        ),
    ),
    ImportField(
        "channel",
        _("Channel"),
        aliases=(
            "channel",
            "source",
            "via",
            "渠道",
            "途径",
            "途徑",
            "来源",
            "來源",
            "投诉渠道",
            "投訴渠道",
        ),
    ),
    ImportField("status", _("Status"), aliases=("status", "state", "状态", "狀態")),
    ImportField(
        "closed_at",
        _("Closed at"),
        aliases=(
            "closed at",
            "closed",
            "date closed",
            "closed date",
            "结案时间",
            "結案時間",
            "结案日期",
            "結案日期",
            "关闭时间",
            "關閉時間",
        ),
    ),
    ImportField(
        "first_replied_at",
        _("First replied at"),
        aliases=(
            "first replied at",
            "first reply",
            "replied at",
            "reply date",
            "首次回复时间",
            "首次回覆時間",
            "回复时间",
            "回覆時間",
            "回复日期",
            "回覆日期",
        ),
    ),
    ImportField(
        "subject",
        _("Subject"),
        required=True,
        aliases=("subject", "title", "summary", "标题", "標題", "主题", "主題", "事由", "摘要"),
    ),
    ImportField(
        "description",
        _("What happened"),
        required=True,
        aliases=(
            "description",
            "details",
            "what happened",
            "content",
            "内容",
            "內容",
            "投诉内容",
            "投訴內容",
            "详情",
            "詳情",
            "描述",
        ),
    ),
    ImportField("language", _("Language"), aliases=("language", "语言", "語言")),
    ImportField(
        "unit",
        _("Unit code"),
        aliases=(
            "unit",
            "unit code",
            "branch",
            "department",
            "单位",
            "單位",
            "单位代码",
            "單位代碼",
            "部门",
            "部門",
            "分行",
        ),
    ),
    ImportField(
        "site",
        _("Site code"),
        aliases=(
            "site",
            "site code",
            "property",
            "estate",
            "项目",
            "項目",
            "物业",
            "物業",
            "楼盘",
            "樓盤",
            "屋苑",
        ),
    ),
    ImportField(
        "category",
        _("Category code"),
        aliases=(
            "category",
            "category code",
            "分类",
            "分類",
            "类别",
            "類別",
            "分类编码",
            "分類編碼",
        ),
    ),
    ImportField(
        "grade", _("Grade"), aliases=("grade", "severity", "level", "等级", "等級", "级别", "級別")
    ),
    ImportField(
        "anger_score",
        _("Anger score"),
        aliases=("anger score", "anger", "情绪", "情緒", "愤怒程度", "憤怒程度"),
    ),
    ImportField(
        "risks",
        _("Risk flags"),
        aliases=("risk flags", "risks", "risk", "风险", "風險", "风险标记", "風險標記"),
    ),
    ImportField(
        "root_cause",
        _("Root cause code"),
        aliases=("root cause", "root cause code", "cause", "根本原因", "原因"),
    ),
    ImportField(
        "handler",
        _("Handler (username)"),
        aliases=(
            "handler",
            "handled by",
            "处理人",
            "處理人",
            "跟进人",
            "跟進人",
            "负责人",
            "負責人",
        ),
    ),
    ImportField(
        "complainant_name",
        _("Complainant's name"),
        required=True,
        aliases=(
            "complainant",
            "complainant name",
            "name",
            "customer",
            "customer name",
            "投诉人",
            "投訴人",
            "姓名",
            "客户",
            "客戶",
            "客户姓名",
            "客戶姓名",
        ),
    ),
    ImportField(
        "phone",
        _("Phone"),
        aliases=(
            "phone",
            "tel",
            "telephone",
            "mobile",
            "contact number",
            "电话",
            "電話",
            "手机",
            "手機",
            "联系电话",
            "聯絡電話",
            "聯繫電話",
        ),
    ),
    ImportField(
        "email",
        _("E-mail"),
        aliases=("email", "e-mail", "mail", "邮箱", "郵箱", "电邮", "電郵", "电子邮件", "電子郵件"),
    ),
    ImportField("demand", _("Demand"), aliases=("demand", "request", "诉求", "訴求", "要求")),
    ImportField(
        "claimed_loss_amount",
        _("Claimed loss"),
        aliases=(
            "claimed loss",
            "loss",
            "amount",
            "claim amount",
            "金额",
            "金額",
            "损失",
            "損失",
            "索赔金额",
            "索償金額",
        ),
    ),
    ImportField(
        "claimed_loss_currency",
        _("Currency"),
        aliases=("currency", "币种", "幣種", "货币", "貨幣"),
    ),
    ImportField(
        "findings",
        _("Findings"),
        aliases=("findings", "finding", "result", "调查结果", "調查結果", "处理结果", "處理結果"),
    ),
)
FIELD_NAMES = tuple(field.name for field in FIELDS)
FIELD_LABELS = {field.name: field.label for field in FIELDS}
REQUIRED = tuple(field.name for field in FIELDS if field.required)

_NOISE = re.compile(r"[\s_\-./:：()（）#]+")


def normalised(text: str) -> str:
    """A header or a choice label as compared: case, spacing and punctuation do not count."""
    return _NOISE.sub("", str(text)).casefold()


def mapping_guess(headers: list[str]) -> dict[str, str]:
    """{our field: their header} for the headers whose name says what they hold; each header
    is given to one field at most."""
    by_name = {normalised(header): header for header in reversed(headers)}
    taken: set[str] = set()
    guess = {}
    for field in FIELDS:
        for alias in field.aliases:
            header = by_name.get(normalised(alias))
            if header is not None and header not in taken:
                guess[field.name] = header
                taken.add(header)
                break
    return guess
