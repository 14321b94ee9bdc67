"""Complaints the organisation has to turn down, by organisation and language."""

from .org_data import CN, HK
from .scenario import OutOfScope as O

OUT_OF_SCOPE = {
    (HK, "zh-hant"): (
        O(
            "OTH-NOISE",
            "對面地盤打樁噪音",
            "{site}對面的政府工程地盤每日早上八時前已開始打樁，噪音嚴重影響住戶休息。",
            "要求管理處停止地盤噪音。",
            "工程地盤不屬本處管理範圍，建築噪音由環境保護署規管；本處已提供環保署投訴熱線並代轉住戶意見。",
        ),
        O(
            "OTH-MISC",
            "鄰居借錢不還",
            "投訴人借款予同座鄰居後對方拒絕還款，要求管理處出面追討。",
            "要求管理處追討欠款。",
            "屬住戶之間的私人民事糾紛，不屬物業管理範圍；建議投訴人向小額錢債審裁處提出申索。",
        ),
        O(
            "OTH-MISC",
            "巴士站遷移令出入不便",
            "{site}附近的巴士站遷往較遠位置，長者住戶出入不便。",
            "要求管理處把巴士站遷回原址。",
            "巴士站位置由運輸署及巴士公司決定，本處已將住戶意見轉交運輸署及區議會。",
        ),
    ),
    (HK, "en"): (
        O(
            "OTH-NOISE",
            "Construction noise from the railway works next door",
            "Piling for the new railway station next to {site} starts before 8 am every day.",
            "Stop the noise.",
            "The works are not managed by us; construction noise is regulated by the Environmental "
            "Protection Department, whose hotline we have given you.",
        ),
        O(
            "OTH-MISC",
            "Landlord will not return my deposit",
            "My landlord at {site} refuses to return my tenancy deposit.",
            "Make the landlord pay back my deposit.",
            "A tenancy dispute is a private matter between landlord and tenant; the Small Claims "
            "Tribunal can hear it.",
        ),
    ),
    (CN, "zh-hans"): (
        O(
            "DLV-CARD",
            "电商平台退货纠纷",
            "客户通过我行卡在电商平台购物后商品有质量问题，商家拒绝退货，客户要求银行强制退款。",
            "要求银行直接退款。",
            "属客户与商户之间的买卖纠纷，交易已由客户本人授权；建议先向平台投诉，我行可协助查询交易信息。",
        ),
        O(
            "PRD-LOAN",
            "已进入诉讼程序的贷款纠纷",
            "客户就经营贷款逾期一事与我行存在争议，已向法院起诉，同时来电投诉。",
            "要求停止计收罚息。",
            "该事项已进入司法程序，依规不再按投诉处理，将以法院裁判为准。",
        ),
        O(
            "FEE-RATE",
            "不满房贷利率政策调整",
            "客户认为全国房贷利率下调幅度太小，要求我行单独为其下调利率。",
            "要求降低房贷利率。",
            "房贷利率按央行政策及合同约定的定价机制调整，不属个案可调整的范围；已向客户解释定价规则。",
        ),
    ),
    (CN, "en"): (
        O(
            "OTH-MISC",
            "Online shop will not refund a faulty phone",
            "I paid an online shop with my card and the phone arrived broken; the shop ignores me.",
            "The bank should refund me.",
            "This is a dispute with the merchant; please complain to the platform first. We can "
            "provide the transaction records if you need them.",
        ),
    ),
}
