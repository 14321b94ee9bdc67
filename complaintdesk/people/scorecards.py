"""The scorecard a quality reviewer answers, and how its answers make a score. Pure: no
database. Each question is answered yes (2), partly (1) or no (0), or left out when it does
not apply (an appeal route where nothing was refused); the score is the weighted share of
the points available, so a question that does not apply neither helps nor hurts."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultItem:
    code: str
    name_en: str
    name_zh_hans: str
    name_zh_hant: str
    # What the reviewer looks for, in English, Simplified and Traditional Chinese: the
    # scorecard keeps it in the organisation's own language, where its administrators edit it.
    guidance: tuple[str, str, str]
    weight: int

    def guidance_in(self, language: str) -> str:
        english, simplified, traditional = self.guidance
        if language.lower().startswith("zh-hans"):
            return simplified
        return traditional if language.lower().startswith("zh") else english


# What ISO 10002 and the regulators ask of an answer (regulations.md), as a reviewer checks it.
DEFAULT_ITEMS = (
    DefaultItem(
        "reasons",
        "Reasons stated for the decision",
        "答复说明了处理决定的理由",
        "答覆說明了處理決定的理由",
        (
            "The reply says what was found and why the decision follows from it.",
            "答复说明了调查发现及据此作出决定的原因。",
            "答覆說明了調查發現及據此作出決定的原因。",
        ),
        3,
    ),
    DefaultItem(
        "appeal_route",
        "Appeal route given where needed",
        "必要时告知了申诉途径",
        "必要時告知了申訴途徑",
        (
            "Where the complainant did not get all they asked for, the reply says where they "
            "may take it next (review, ombudsman, regulator) and by when.",
            "投诉人的诉求未获全部满足时，答复说明了可向何处进一步申诉（复核、调解、监管机构）及期限。",
            "投訴人的訴求未獲全部滿足時，答覆說明了可向何處進一步申訴（覆核、調解、監管機構）及期限。",
        ),
        2,
    ),
    DefaultItem(
        "tone",
        "Tone: courteous, plain and empathetic",
        "语气礼貌、平实、有同理心",
        "語氣禮貌、平實、有同理心",
        (
            "No jargon or blame; the complainant's feelings are acknowledged.",
            "没有术语或指责；体谅投诉人的感受。",
            "沒有術語或指責；體諒投訴人的感受。",
        ),
        1,
    ),
    DefaultItem(
        "accuracy",
        "Accurate: facts, amounts and commitments are right",
        "准确：事实、金额与承诺无误",
        "準確：事實、金額與承諾無誤",
        (
            "What the reply states matches the investigation and the records.",
            "答复内容与调查结果及记录相符。",
            "答覆內容與調查結果及記錄相符。",
        ),
        3,
    ),
    DefaultItem(
        "timeliness",
        "Timely: every time standard met or the delay explained",
        "及时：符合各项时限或已解释延误",
        "及時：符合各項時限或已解釋延誤",
        (
            "Acknowledgement, updates and the answer came on time, or the complainant was told "
            "why not.",
            "确认、进度通报及答复均按时发出，或已向投诉人说明延误原因。",
            "確認、進度通報及答覆均按時發出，或已向投訴人說明延誤原因。",
        ),
        2,
    ),
)

FULL_MARKS = 2


def review_score(answers: list[tuple[int, int | None]]) -> int | None:
    """(weight, answer or None) for each question → the score out of 100, or None when no
    question applied."""
    available = sum(weight * FULL_MARKS for weight, answer in answers if answer is not None)
    if not available:
        return None
    earned = sum(weight * answer for weight, answer in answers if answer is not None)
    return round(100 * earned / available)
