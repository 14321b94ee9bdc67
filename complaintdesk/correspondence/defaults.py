"""The product's own wording of each letter in each language, used where an organisation
has written none of its own (an organisation's LetterTemplate replaces one of these)."""

from .models import LetterKind as K

EN, HANS, HANT = "en", "zh-hans", "zh-hant"

_SIGN_OFF = {
    EN: "Yours sincerely,\n{{ organisation }}",
    HANS: "此致\n{{ organisation }}",
    HANT: "此致\n{{ organisation }}",
}
_TRACK = {
    EN: "You can follow your complaint at {{ tracking_link }} (tracking code {{ tracking_code }}).",
    HANS: "您可在 {{ tracking_link }} 查询投诉进度（查询码 {{ tracking_code }}）。",
    HANT: "您可在 {{ tracking_link }} 查詢投訴進度（查詢碼 {{ tracking_code }}）。",
}
_DEAR = {
    EN: "Dear {{ complainant_name }},",
    HANS: "{{ complainant_name }}您好：",
    HANT: "{{ complainant_name }}您好：",
}

# (kind, language) -> (subject, the letter between the greeting and the sign-off)
_WORDING: dict[tuple[str, str], tuple[str, str]] = {
    (K.ACKNOWLEDGEMENT, EN): (
        "We have received your complaint {{ reference }}",
        "Thank you for telling us about “{{ subject }}”. We received your complaint on "
        "{{ received_date }} and registered it under reference {{ reference }}.\n\n"
        "{{ handler }} will handle it, and you will hear from us by {{ due_date }}.",
    ),
    (K.ACKNOWLEDGEMENT, HANS): (
        "我们已收到您的投诉 {{ reference }}",
        "感谢您告诉我们“{{ subject }}”。我们于 {{ received_date }} 收到您的投诉，"
        "编号为 {{ reference }}。\n\n由{{ handler }}负责处理，我们会在 {{ due_date }} 前给您答复。",
    ),
    (K.ACKNOWLEDGEMENT, HANT): (
        "我們已收到您的投訴 {{ reference }}",
        "感謝您告訴我們「{{ subject }}」。我們於 {{ received_date }} 收到您的投訴，"
        "編號為 {{ reference }}。\n\n由{{ handler }}負責處理，我們會在 {{ due_date }} 前給您答覆。",
    ),
    (K.INFORMATION_REQUEST, EN): (
        "Your complaint {{ reference }}: we need some information",
        "To go on with your complaint we need the following from you:\n\n{{ question }}\n\n"
        "Please answer on your complaint's page, or reply to this e-mail. The time we take "
        "is paused until we hear from you.",
    ),
    (K.INFORMATION_REQUEST, HANS): (
        "您的投诉 {{ reference }}：我们需要一些资料",
        "为继续处理您的投诉，我们需要您提供以下资料：\n\n{{ question }}\n\n"
        "请在投诉页面回复，或直接回复本邮件。在收到您的回复前，处理时限暂停计算。",
    ),
    (K.INFORMATION_REQUEST, HANT): (
        "您的投訴 {{ reference }}：我們需要一些資料",
        "為繼續處理您的投訴，我們需要您提供以下資料：\n\n{{ question }}\n\n"
        "請在投訴頁面回覆，或直接回覆本電郵。在收到您的回覆前，處理時限暫停計算。",
    ),
    (K.PROGRESS_UPDATE, EN): (
        "Your complaint {{ reference }}: where it stands",
        "We are still working on your complaint.\n\n{{ progress }}\n\n"
        "You will hear from us again by {{ due_date }}.",
    ),
    (K.PROGRESS_UPDATE, HANS): (
        "您的投诉 {{ reference }}：处理进度",
        "我们仍在处理您的投诉。\n\n{{ progress }}\n\n我们会在 {{ due_date }} 前再与您联系。",
    ),
    (K.PROGRESS_UPDATE, HANT): (
        "您的投訴 {{ reference }}：處理進度",
        "我們仍在處理您的投訴。\n\n{{ progress }}\n\n我們會在 {{ due_date }} 前再與您聯絡。",
    ),
    (K.DECISION, EN): (
        "Our answer to your complaint {{ reference }}",
        "We have looked into your complaint “{{ subject }}”.\n\nOur decision:\n{{ decision }}\n\n"
        "Why:\n{{ reasons }}\n\n{{ appeal_route }}\n\n{{ regulator_wording }}",
    ),
    (K.DECISION, HANS): (
        "我们对您的投诉 {{ reference }} 的答复",
        "我们已调查您的投诉“{{ subject }}”。\n\n处理决定：\n{{ decision }}\n\n"
        "理由：\n{{ reasons }}\n\n{{ appeal_route }}\n\n{{ regulator_wording }}",
    ),
    (K.DECISION, HANT): (
        "我們對您的投訴 {{ reference }} 的答覆",
        "我們已調查您的投訴「{{ subject }}」。\n\n處理決定：\n{{ decision }}\n\n"
        "理由：\n{{ reasons }}\n\n{{ appeal_route }}\n\n{{ regulator_wording }}",
    ),
    (K.APPEAL_OUTCOME, EN): (
        "The outcome of the review of your complaint {{ reference }}",
        "You asked us to review our decision on “{{ subject }}”. We have done so.\n\n"
        "Our decision after the review:\n{{ decision }}\n\nWhy:\n{{ reasons }}\n\n"
        "{{ appeal_route }}\n\n{{ regulator_wording }}",
    ),
    (K.APPEAL_OUTCOME, HANS): (
        "您的投诉 {{ reference }} 的复核结果",
        "您要求我们复核对“{{ subject }}”的决定，我们已完成复核。\n\n复核后的决定：\n"
        "{{ decision }}\n\n理由：\n{{ reasons }}\n\n{{ appeal_route }}\n\n{{ regulator_wording }}",
    ),
    (K.APPEAL_OUTCOME, HANT): (
        "您的投訴 {{ reference }} 的覆核結果",
        "您要求我們覆核對「{{ subject }}」的決定，我們已完成覆核。\n\n覆核後的決定：\n"
        "{{ decision }}\n\n理由：\n{{ reasons }}\n\n{{ appeal_route }}\n\n{{ regulator_wording }}",
    ),
    (K.SURVEY_INVITATION, EN): (
        "How did we handle your complaint {{ reference }}?",
        "Your complaint “{{ subject }}” is closed. Please tell us, in one minute, how well we "
        "handled it: it helps us do better for the next person.",
    ),
    (K.SURVEY_INVITATION, HANS): (
        "我们对您的投诉 {{ reference }} 处理得怎样？",
        "您的投诉“{{ subject }}”已结案。请花一分钟告诉我们处理得怎样，帮助我们改进服务。",
    ),
    (K.SURVEY_INVITATION, HANT): (
        "我們對您的投訴 {{ reference }} 處理得怎樣？",
        "您的投訴「{{ subject }}」已結案。請花一分鐘告訴我們處理得怎樣，幫助我們改善服務。",
    ),
}


def default_wording(kind: str, language: str) -> tuple[str, str]:
    """(subject, body) with the greeting, the tracking line and the sign-off around it."""
    language = language if language in (EN, HANS, HANT) else EN
    subject, middle = _WORDING[(kind, language)]
    body = "\n\n".join((_DEAR[language], middle, _TRACK[language], _SIGN_OFF[language]))
    return subject, body
