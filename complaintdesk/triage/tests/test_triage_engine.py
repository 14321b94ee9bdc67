"""The triage of a text, in either Chinese script and in English: what it is about, whether
it is a complaint, how angry, what escalation it threatens, its language, and the grade."""

import pytest

from complaintdesk.complaints.choices import Grade, Language
from complaintdesk.triage.engine import triage_text
from complaintdesk.triage.language import language_of


def test_a_threat_to_go_to_the_press_is_a_media_risk_in_either_script():
    # Given the same threat typed in Simplified and in Traditional characters
    simplified = triage_text("电梯坏了一个月没人修，再不处理我就找记者曝光你们！")
    traditional = triage_text("電梯壞了一個月沒人修，再不處理我就找記者曝光你們！")

    # Then both carry a media risk, with the words as the complainant typed them
    assert simplified.risks == {"media": ["记者", "曝光"]}
    assert traditional.risks == {"media": ["記者", "曝光"]}
    assert simplified.escalation_risk and traditional.escalation_risk
    # and the grade is major, because of it
    assert traditional.grade.value == Grade.MAJOR
    assert "media" in traditional.grade.reasons


def test_the_scripts_fold_together_so_one_model_reads_both():
    # When a complaint about the lift is read in each script
    simplified = triage_text("小区的电梯又坏了，老人上不了楼，物业一直拖着不修")
    traditional = triage_text("屋苑的電梯又壞了，老人上不了樓，物業一直拖著不修")

    # Then both are about facilities, with the same confidence
    assert simplified.category.value == traditional.category.value == "facilities"
    assert simplified.category.confidence == pytest.approx(traditional.category.confidence, 0.05)


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("I will be calling my solicitor and taking legal action.", "legal"),
        ("我已经打了12315投诉你们", "regulator"),
        ("管理處再唔處理我就報警", "police"),
        ("My son slipped on the wet floor and was taken to hospital.", "safety"),
        ("我要求赔偿我的全部损失", "compensation"),
    ],
)
def test_each_kind_of_escalation_is_found_with_the_words_behind_it(text, risk):
    found = triage_text(text)
    assert risk in found.risks
    assert all(word for word in found.risks[risk])


def test_a_hazard_to_people_makes_the_suggested_grade_urgent():
    found = triage_text("Exposed wires hanging in the stairwell, it is dangerous for the kids")
    assert found.grade.value == Grade.URGENT


def test_a_calm_complaint_from_a_vip_is_still_major():
    found = triage_text("The statement shows a fee I did not expect.", vip=True)
    assert found.grade.value == Grade.MAJOR
    assert found.grade.reasons == ["vip"]


def test_thanks_and_questions_are_not_complaints():
    thanks = triage_text("非常感谢管理处的张先生，帮我们很快修好了水管，服务很好！")
    question = triage_text("May I ask what time the branch opens on Saturdays?")
    assert thanks.is_complaint.value is False
    assert question.is_complaint.value is False
    # and they are given no anger
    assert thanks.anger.value == question.anger.value == 1


def test_abuse_and_shouting_score_higher_anger_than_a_polite_note():
    furious = triage_text("你们这些骗子！！！垃圾公司！！！退钱！！！")
    polite = triage_text("您好，账单上的金额好像有点不对，麻烦帮忙核对一下，谢谢。")
    assert furious.anger.value >= 4
    assert polite.anger.value <= 2
    assert "骗子" in furious.anger.reasons


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("快递三天了还没到，物流信息也不更新", Language.ZH_HANS),
        ("快遞三天了還沒到，物流資訊也不更新", Language.ZH_HANT),
        ("部冷氣機成日漏水，師傅嚟咗兩次都搞唔掂", Language.ZH_HANT),
        ("The parcel is three days late and the tracking has not moved.", Language.EN),
    ],
)
def test_the_language_and_script_are_told_apart(text, language):
    assert language_of(text) == language
    assert triage_text(text).language == language
