"""What the benchmark's complaints say: the themes a property company and a bank hear most, in
Simplified Chinese and English, and in Traditional Chinese as OpenCC writes it for Hong Kong, so
that a search must find a word in either script."""

from random import Random

import opencc

# (subject, description) in Simplified Chinese and in English; {place} {n} {amount} vary.
THEMES: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (
        (
            "电梯停运{n}天",
            "{place}电梯停运{n}天无人维修，老人上下楼困难，要求尽快修好并退还管理费。",
        ),
        (
            "Lift out of service for {n} days",
            "The lift at {place} has been out of service for "
            "{n} days; elderly residents must use the stairs. Please repair it and refund the fee.",
        ),
    ),
    (
        (
            "管理费多收{amount}元",
            "本月管理费账单比上月多收{amount}元，没有任何通知，要求退款并解释。",
        ),
        (
            "Management fee overcharged by {amount}",
            "This month's management fee bill at {place} "
            "is {amount} more than last month without notice; I want a refund and an explanation.",
        ),
    ),
    (
        ("天花板漏水", "{place}天花板漏水已报修{n}次，物业一直没有派人处理，家具已经损坏。"),
        (
            "Water leaking from the ceiling",
            "The ceiling at {place} leaks; reported {n} times, "
            "nobody came, and the furniture is damaged.",
        ),
    ),
    (
        ("夜间施工噪音", "{place}附近连续{n}晚施工到深夜，噪音严重影响休息，投诉多次无果。"),
        (
            "Construction noise at night",
            "Works near {place} went on late at night for {n} "
            "nights; the noise keeps us awake and complaints have changed nothing.",
        ),
    ),
    (
        ("车位被占用", "{place}月租车位经常被访客车辆占用，保安不处理，要求退还车位费。"),
        (
            "Parking space taken by visitors",
            "My monthly parking space at {place} is often "
            "taken by visitors' cars and security does nothing; refund the parking fee.",
        ),
    ),
    (
        (
            "信用卡年费未经通知扣收",
            "信用卡被扣收年费{amount}元，开卡时承诺首年免年费，要求退还并道歉。",
        ),
        (
            "Credit card annual fee charged without notice",
            "An annual fee of {amount} was "
            "charged to my credit card although the first year was promised free; refund it.",
        ),
    ),
    (
        ("转账延误{n}天", "通过手机银行转账{amount}元，{n}天后仍未到账，客服说在处理，没有结果。"),
        (
            "Transfer delayed by {n} days",
            "A transfer of {amount} through the mobile app has not "
            "arrived after {n} days; customer service says it is in progress.",
        ),
    ),
    (
        (
            "理财产品风险未告知",
            "在{place}购买的理财产品亏损{amount}元，购买时客户经理没有说明风险。",
        ),
        (
            "Investment risks not explained",
            "The wealth product bought at {place} lost {amount}; "
            "the relationship manager never explained the risks.",
        ),
    ),
    (
        ("客服态度恶劣", "致电客服咨询{n}次，客服态度恶劣并挂断电话，要求道歉并处理投诉。"),
        (
            "Rude customer service",
            "I called customer service {n} times; the agent was rude and "
            "hung up. I want an apology and my complaint handled.",
        ),
    ),
    (
        ("保洁不到位", "{place}公共区域垃圾{n}天没有清理，有异味和蚊虫，要求加强保洁。"),
        (
            "Common areas not cleaned",
            "Rubbish in the common areas of {place} has not been "
            "cleared for {n} days; it smells and draws insects.",
        ),
    ),
)
PLACES_ZH = ("第一座", "第二座", "第三座", "平台花园", "停车场", "会所", "福田支行", "南山支行")
PLACES_EN = ("Block 1", "Block 2", "Block 3", "the podium garden", "the car park", "the clubhouse")
SURNAMES = "陈李张黄王刘林何吴郑梁周谢罗杨许"
GIVEN = "志伟美玲家明嘉欣国雄淑仪启明子健丽华文杰秀英建国晓东"

_TRADITIONAL = opencc.OpenCC("s2hk")


def complaint_text(rng: Random, language: str, theme: int) -> tuple[str, str]:
    """A subject and a description of one theme in `language`."""
    values: dict[str, object] = {
        "n": rng.randint(2, 9),
        "amount": rng.choice((120, 200, 380, 500, 1200, 3000)),
    }
    if language == "en":
        subject, description = THEMES[theme][1]
        values["place"] = rng.choice(PLACES_EN)
        return subject.format(**values), description.format(**values)
    subject, description = THEMES[theme][0]
    values["place"] = rng.choice(PLACES_ZH)
    subject, description = subject.format(**values), description.format(**values)
    if language == "zh-hant":
        return _TRADITIONAL.convert(subject), _TRADITIONAL.convert(description)
    return subject, description


def person_name(rng: Random, language: str) -> str:
    name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
    return _TRADITIONAL.convert(name) if language == "zh-hant" else name
