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
    guidance: str
    weight: int


# What ISO 10002 and the regulators ask of an answer (regulations.md), as a reviewer checks it.
DEFAULT_ITEMS = (
    DefaultItem(
        "reasons",
        "Reasons stated for the decision",
        "答复说明了处理决定的理由",
        "答覆說明了處理決定的理由",
        "The reply says what was found and why the decision follows from it.",
        3,
    ),
    DefaultItem(
        "appeal_route",
        "Appeal route given where needed",
        "必要时告知了申诉途径",
        "必要時告知了申訴途徑",
        "Where the complainant did not get all they asked for, the reply says where they may "
        "take it next (review, ombudsman, regulator) and by when.",
        2,
    ),
    DefaultItem(
        "tone",
        "Tone: courteous, plain and empathetic",
        "语气礼貌、平实、有同理心",
        "語氣禮貌、平實、有同理心",
        "No jargon or blame; the complainant's feelings are acknowledged.",
        1,
    ),
    DefaultItem(
        "accuracy",
        "Accurate: facts, amounts and commitments are right",
        "准确：事实、金额与承诺无误",
        "準確：事實、金額與承諾無誤",
        "What the reply states matches the investigation and the records.",
        3,
    ),
    DefaultItem(
        "timeliness",
        "Timely: every time standard met or the delay explained",
        "及时：符合各项时限或已解释延误",
        "及時：符合各項時限或已解釋延誤",
        "Acknowledgement, updates and the answer came on time, or the complainant was told "
        "why not.",
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
