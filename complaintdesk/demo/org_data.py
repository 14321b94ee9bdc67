"""Who is who in the demo: the two organisations, their unit trees, staff, category codes and
root causes, and how each runs its time standards, authority matrix and routing. Pure data;
`org.py` and `engine.py` turn it into rows."""

from complaintdesk.accounts.models import UnitKind as K
from complaintdesk.accounts.roles import Role as R
from complaintdesk.complaints.choices import Channel, Grade
from complaintdesk.complaints.choices import RemedyType as Rem
from complaintdesk.routing.models import Strategy
from complaintdesk.sla.choices import LadderScope, Region

HK = "hk-property"
CN = "cn-bank"

ORGANISATIONS = {
    HK: {
        "name": "Harbour View Property Management 海景物業管理",
        "reference_prefix": "CP",
        "time_zone": "Asia/Hong_Kong",
        "currency": "HKD",
        "default_language": "zh-hant",
    },
    CN: {
        "name": "华信银行 Huaxin Bank",
        "reference_prefix": "HX",
        "time_zone": "Asia/Shanghai",
        "currency": "CNY",
        "default_language": "zh-hans",
    },
}

# (code, parent code, kind, name), parents before children.
UNITS = {
    HK: (
        ("HO", None, K.HEAD_OFFICE, "總辦事處 Head Office"),
        ("BOARD", "HO", K.BOARD_OFFICE, "主席及董事會辦公室 Chairman & Board Office"),
        ("CS", "HO", K.DEPARTMENT, "客戶服務部 Customer Service Department"),
        ("ENG", "HO", K.DEPARTMENT, "工程部 Engineering Department"),
        ("LEGAL", "HO", K.DEPARTMENT, "法律事務部 Legal Department"),
        ("R-HKK", "HO", K.REGION, "港島及九龍區 Hong Kong Island & Kowloon Region"),
        ("R-NT", "HO", K.REGION, "新界區 New Territories Region"),
        ("D-CW", "R-HKK", K.DISTRICT, "中西區 Central & Western District"),
        ("D-KC", "R-HKK", K.DISTRICT, "九龍城區 Kowloon City District"),
        ("D-ST", "R-NT", K.DISTRICT, "沙田區 Sha Tin District"),
        ("D-TW", "R-NT", K.DISTRICT, "荃灣區 Tsuen Wan District"),
        ("S-JADE", "D-CW", K.SITE, "翠峰園 Jade Crest Gardens"),
        ("S-HBFC", "D-CW", K.SITE, "西環海濱閣 Harbourfront Court"),
        ("S-KTHV", "D-KC", K.SITE, "啟德海滙 Kai Tak Harbour Vista"),
        ("S-HMTG", "D-KC", K.SITE, "何文田嘉麗苑 Ho Man Tin Garden Court"),
        ("S-KTAV", "D-KC", K.SITE, "九龍塘雅苑 Kowloon Tong Avenue"),
        ("S-SMRG", "D-ST", K.SITE, "城門河畔花園 Shing Mun Riverside Garden"),
        ("S-MOSC", "D-ST", K.SITE, "馬鞍山海柏峰 Ma On Shan Sea Crest"),
        ("S-TWLF", "D-ST", K.SITE, "大圍麗峰苑 Tai Wai Lai Fung Court"),
        ("S-TKBY", "D-TW", K.SITE, "荃景海灣 Tsuen King Bay"),
        ("S-YKT", "D-TW", K.SITE, "愉景台 Yue King Terrace"),
    ),
    CN: (
        ("HO", None, K.HEAD_OFFICE, "华信银行总行"),
        ("BOARD", "HO", K.BOARD_OFFICE, "董事会办公室"),
        ("CP", "HO", K.DEPARTMENT, "消费者权益保护部"),
        ("R-SOUTH", "HO", K.REGION, "华南区"),
        ("R-EAST", "HO", K.REGION, "华东区"),
        ("B-SZFT", "R-SOUTH", K.BRANCH, "深圳福田支行"),
        ("B-SZNS", "R-SOUTH", K.BRANCH, "深圳南山支行"),
        ("B-SHPD", "R-EAST", K.BRANCH, "上海浦东支行"),
        ("B-SHJA", "R-EAST", K.BRANCH, "上海静安支行"),
        ("S-FT-CGM", "B-SZFT", K.SITE, "福田车公庙营业部"),
        ("S-FT-XMH", "B-SZFT", K.SITE, "福田香蜜湖社区网点"),
        ("S-NS-KJY", "B-SZNS", K.SITE, "南山科技园营业部"),
        ("S-NS-SK", "B-SZNS", K.SITE, "南山蛇口社区网点"),
        ("S-PD-LJZ", "B-SHPD", K.SITE, "浦东陆家嘴营业部"),
        ("S-PD-ZJ", "B-SHPD", K.SITE, "浦东张江社区网点"),
        ("S-JA-NJXL", "B-SHJA", K.SITE, "静安南京西路营业部"),
        ("S-JA-DN", "B-SHJA", K.SITE, "静安大宁社区网点"),
    ),
}

# Where each organisation's public form (/submit/) lands: the customer service team that
# screens written complaints; every site may be named on it.
PUBLIC_FORM_UNITS = {HK: "CS", CN: "CP"}

# The units complaints are handled in (district or branch), with how often each gets one.
HANDLING_UNITS = {
    HK: (("D-ST", 0.40), ("D-CW", 0.20), ("D-KC", 0.22), ("D-TW", 0.18)),
    CN: (("B-SZFT", 0.40), ("B-SZNS", 0.20), ("B-SHPD", 0.22), ("B-SHJA", 0.18)),
}

# (username, display name, home unit, ((role, unit), ...), is_staff)
USERS = {
    HK: (
        ("hk.receiver", "陳嘉欣 Kathy Chan", "D-ST", ((R.RECEIVER, "D-ST"),), False),
        ("hk.handler", "黃志偉 Wilson Wong", "D-ST", ((R.HANDLER, "D-ST"),), False),
        ("hk.st.handler2", "李穎琳 Winnie Lee", "D-ST", ((R.HANDLER, "D-ST"),), False),
        ("hk.engineer", "梁國雄 Raymond Leung", "ENG", ((R.HANDLER, "ENG"),), False),
        ("hk.district", "何美寶 Mabel Ho", "D-ST", ((R.DISTRICT_MANAGER, "D-ST"),), False),
        ("hk.regional", "鄭啟明 Kenneth Cheng", "R-NT", ((R.REGIONAL_GM, "R-NT"),), False),
        ("hk.hkk.regional", "司徒明德 Martin Szeto", "R-HKK", ((R.REGIONAL_GM, "R-HKK"),), False),
        ("hk.hq", "林淑儀 Shirley Lam", "CS", ((R.HQ_COMPLAINTS, "HO"),), False),
        ("hk.hotline", "劉曉彤 Tracy Lau", "CS", ((R.RECEIVER, "HO"),), False),
        ("hk.board", "羅振邦 Albert Law", "BOARD", ((R.BOARD_INVESTIGATOR, "HO"),), False),
        ("hk.exec", "馮德昌 Edward Fung", "HO", ((R.EXECUTIVE, "HO"),), False),
        ("hk.quality", "吳詠詩 Vivian Ng", "CS", ((R.QUALITY_REVIEWER, "HO"),), False),
        ("hk.auditor", "蔡俊傑 Jacky Choi", "HO", ((R.AUDITOR, "HO"),), False),
        ("hk.admin", "張家豪 Kelvin Cheung", "HO", ((R.ADMINISTRATOR, "HO"),), True),
        ("hk.cw.receiver", "區佩珊 Peggy Au", "D-CW", ((R.RECEIVER, "D-CW"),), False),
        ("hk.cw.handler", "麥浩然 Horace Mak", "D-CW", ((R.HANDLER, "D-CW"),), False),
        ("hk.cw.manager", "周慧芬 Fiona Chow", "D-CW", ((R.DISTRICT_MANAGER, "D-CW"),), False),
        ("hk.kc.receiver", "譚雅琪 Angel Tam", "D-KC", ((R.RECEIVER, "D-KC"),), False),
        ("hk.kc.handler", "袁嘉樂 Jason Yuen", "D-KC", ((R.HANDLER, "D-KC"),), False),
        ("hk.kc.manager", "葉志強 Peter Yip", "D-KC", ((R.DISTRICT_MANAGER, "D-KC"),), False),
        ("hk.tw.receiver", "蘇美娟 May So", "D-TW", ((R.RECEIVER, "D-TW"),), False),
        ("hk.tw.handler", "潘子健 Ken Poon", "D-TW", ((R.HANDLER, "D-TW"),), False),
        ("hk.tw.manager", "古偉傑 Vincent Koo", "D-TW", ((R.DISTRICT_MANAGER, "D-TW"),), False),
    ),
    CN: (
        ("cn.receiver", "王芳", "B-SZFT", ((R.RECEIVER, "B-SZFT"),), False),
        ("cn.handler", "李明", "B-SZFT", ((R.HANDLER, "B-SZFT"),), False),
        ("cn.ft.handler2", "林涛", "B-SZFT", ((R.HANDLER, "B-SZFT"),), False),
        ("cn.branch", "张建国", "B-SZFT", ((R.DISTRICT_MANAGER, "B-SZFT"),), False),
        ("cn.regional", "陈志强", "R-SOUTH", ((R.REGIONAL_GM, "R-SOUTH"),), False),
        ("cn.east.regional", "高建华", "R-EAST", ((R.REGIONAL_GM, "R-EAST"),), False),
        ("cn.hq", "刘洋", "CP", ((R.HQ_COMPLAINTS, "HO"),), False),
        ("cn.hotline", "杨静", "CP", ((R.RECEIVER, "HO"),), False),
        ("cn.exec", "赵卫东", "HO", ((R.EXECUTIVE, "HO"),), False),
        ("cn.quality", "孙丽", "CP", ((R.QUALITY_REVIEWER, "HO"),), False),
        ("cn.auditor", "周婷", "HO", ((R.AUDITOR, "HO"),), False),
        ("cn.ns.receiver", "黄晓燕", "B-SZNS", ((R.RECEIVER, "B-SZNS"),), False),
        ("cn.ns.handler", "吴俊", "B-SZNS", ((R.HANDLER, "B-SZNS"),), False),
        ("cn.ns.manager", "郑海涛", "B-SZNS", ((R.DISTRICT_MANAGER, "B-SZNS"),), False),
        ("cn.pd.receiver", "徐佳", "B-SHPD", ((R.RECEIVER, "B-SHPD"),), False),
        ("cn.pd.handler", "马超", "B-SHPD", ((R.HANDLER, "B-SHPD"),), False),
        ("cn.pd.manager", "朱文华", "B-SHPD", ((R.DISTRICT_MANAGER, "B-SHPD"),), False),
        ("cn.ja.receiver", "胡蓉", "B-SHJA", ((R.RECEIVER, "B-SHJA"),), False),
        ("cn.ja.handler", "郭磊", "B-SHJA", ((R.HANDLER, "B-SHJA"),), False),
        ("cn.ja.manager", "何丽萍", "B-SHJA", ((R.DISTRICT_MANAGER, "B-SHJA"),), False),
    ),
}

# Per handling unit: receiver, handlers, manager, regional GM (usernames).
TEAMS = {
    "D-ST": ("hk.receiver", ("hk.handler", "hk.st.handler2"), "hk.district", "hk.regional"),
    "D-CW": ("hk.cw.receiver", ("hk.cw.handler",), "hk.cw.manager", "hk.hkk.regional"),
    "D-KC": ("hk.kc.receiver", ("hk.kc.handler",), "hk.kc.manager", "hk.hkk.regional"),
    "D-TW": ("hk.tw.receiver", ("hk.tw.handler",), "hk.tw.manager", "hk.regional"),
    "B-SZFT": ("cn.receiver", ("cn.handler", "cn.ft.handler2"), "cn.branch", "cn.regional"),
    "B-SZNS": ("cn.ns.receiver", ("cn.ns.handler",), "cn.ns.manager", "cn.regional"),
    "B-SHPD": ("cn.pd.receiver", ("cn.pd.handler",), "cn.pd.manager", "cn.east.regional"),
    "B-SHJA": ("cn.ja.receiver", ("cn.ja.handler",), "cn.ja.manager", "cn.east.regional"),
}

# (code, parent code, English, 简体, 繁體)
CATEGORIES = {
    HK: (
        ("PRD", None, "Product", "产品", "產品"),
        ("PRD-REPAIR", "PRD", "Repair work quality", "维修质量", "維修質素"),
        ("PRD-CLUB", "PRD", "Clubhouse facilities", "会所设施", "會所設施"),
        ("PRD-CARD", "PRD", "Access cards and keys", "门禁卡及钥匙", "門禁卡及鎖匙"),
        ("SVC", None, "Service / attitude", "服务/态度", "服務/態度"),
        ("SVC-GUARD", "SVC", "Security guard attitude", "保安员态度", "保安員態度"),
        ("SVC-DESK", "SVC", "Management office service", "管理处服务", "管理處服務"),
        ("SVC-REG", "SVC", "Registration refused", "登记被拒", "登記被拒"),
        ("FEE", None, "Price / fees", "价格/收费", "價格/收費"),
        ("FEE-MGMT", "FEE", "Management fee dispute", "管理费争议", "管理費爭議"),
        ("FEE-PARK", "FEE", "Car park charges", "停车场收费", "停車場收費"),
        ("FEE-LATE", "FEE", "Late payment surcharge", "逾期附加费", "逾期附加費"),
        ("DLV", None, "Delivery / logistics", "递送/物流", "遞送/物流"),
        ("DLV-PARCEL", "DLV", "Parcels held at the lobby", "代收包裹", "代收包裹"),
        ("DLV-NOTICE", "DLV", "Notices not delivered", "通告派发", "通告派發"),
        ("FAC", None, "Facilities", "设施", "設施"),
        ("FAC-LIFT", "FAC", "Lift out of service", "电梯停用", "升降機停用"),
        ("FAC-AC", "FAC", "Air-conditioning not cooling", "空调不制冷", "冷氣不凍"),
        ("FAC-WATER", "FAC", "Water leakage", "渗水/漏水", "滲水/漏水"),
        ("FAC-CLEAN", "FAC", "Cleaning", "清洁", "清潔"),
        ("SAF", None, "Safety", "安全", "安全"),
        ("SAF-FIRE", "SAF", "Fire safety equipment", "消防设备", "消防設備"),
        ("SAF-ACCESS", "SAF", "Strangers entering the building", "陌生人进入", "陌生人進入"),
        ("SAF-SLIP", "SAF", "Slippery floors and falls", "地面湿滑", "地面濕滑"),
        ("OTH", None, "Other", "其他", "其他"),
        ("OTH-NOISE", "OTH", "Noise", "噪音", "噪音"),
        ("OTH-PEST", "OTH", "Pests", "虫鼠", "蟲鼠"),
        ("OTH-MISC", "OTH", "Other matters", "其他事项", "其他事項"),
    ),
    CN: (
        ("PRD", None, "Product", "产品", "產品"),
        ("PRD-CHARGE", "PRD", "Card charged in error", "银行卡误扣款", "銀行卡誤扣款"),
        ("PRD-WEALTH", "PRD", "Wealth product sales", "理财产品销售", "理財產品銷售"),
        ("PRD-LOAN", "PRD", "Loans and mortgages", "贷款业务", "貸款業務"),
        ("PRD-CREDIT", "PRD", "Credit cards", "信用卡业务", "信用卡業務"),
        ("SVC", None, "Service / attitude", "服务/态度", "服務/態度"),
        ("SVC-COUNTER", "SVC", "Counter staff attitude", "柜面服务态度", "櫃面服務態度"),
        ("SVC-QUEUE", "SVC", "Waiting time", "排队等候时间", "排隊等候時間"),
        ("SVC-HOTLINE", "SVC", "Hotline service", "客服热线", "客服熱線"),
        ("FEE", None, "Price / fees", "价格/收费", "價格/收費"),
        ("FEE-DISPUTE", "FEE", "Fee dispute", "手续费争议", "手續費爭議"),
        ("FEE-ANNUAL", "FEE", "Card annual fee", "信用卡年费", "信用卡年費"),
        ("FEE-RATE", "FEE", "Interest and charges", "利率及息费", "利率及息費"),
        ("DLV", None, "Delivery / logistics", "递送/物流", "遞送/物流"),
        ("DLV-CARD", "DLV", "Card issuing and mailing", "制卡及寄送", "製卡及寄送"),
        ("DLV-STATEMENT", "DLV", "Statements and documents", "对账单及凭证", "對賬單及憑證"),
        ("FAC", None, "Facilities", "设施", "設施"),
        ("FAC-LIMIT", "FAC", "Transfer limit blocks payment", "转账限额", "轉賬限額"),
        ("FAC-APP", "FAC", "Mobile banking app", "手机银行", "手機銀行"),
        ("FAC-ATM", "FAC", "ATM and self-service", "ATM及自助设备", "ATM及自助設備"),
        ("SAF", None, "Safety", "安全", "安全"),
        ("SAF-FRAUD", "SAF", "Fraud and unauthorised use", "诈骗及盗刷", "詐騙及盜刷"),
        ("SAF-DATA", "SAF", "Personal data", "个人信息保护", "個人信息保護"),
        ("OTH", None, "Other", "其他", "其他"),
        ("OTH-COLLECT", "OTH", "Debt collection", "催收方式", "催收方式"),
        ("OTH-MISC", "OTH", "Other matters", "其他事项", "其他事項"),
    ),
}

# (code, English, 简体, 繁體), the same list for both organisations.
ROOT_CAUSES = (
    ("MAINT", "Maintenance lapse", "维护保养疏漏", "保養維修疏漏"),
    ("TRAIN", "Staff training gap", "员工培训不足", "員工培訓不足"),
    ("PROCESS", "Process design", "流程设计缺陷", "流程設計缺陷"),
    ("CONTRACTOR", "Third-party contractor", "第三方承包商", "第三方承辦商"),
    ("SYSTEM", "System fault", "系统故障", "系統故障"),
    ("COMMS", "Communication", "沟通不足", "溝通不足"),
    ("POLICY", "Policy unclear", "政策规定不清", "政策規定不清"),
    ("EXTERNAL", "External event (fraud, weather)", "外部事件", "外部事件"),
    ("NFF", "No fault found", "未发现过失", "未發現過失"),
)


# Time standards: the policy pack each organisation follows (installed by the sla app's
# migration) and its working calendar: (code, name, public holidays of, time zone).
SLA = {
    HK: {
        "policy": "seed-hk-property",
        "calendar": ("hk-office", "香港辦公日 Hong Kong working days", Region.HK, "Asia/Hong_Kong"),
    },
    CN: {
        "policy": "cn-banking-2020",
        "calendar": ("cn-business", "内地营业日", Region.CN, "Asia/Shanghai"),
    },
}
# A day the Hong Kong offices closed: the loader puts it on a recent weekday, so that deadlines
# running over it visibly move by a day.
HK_CLOSURE_REASON = "八號烈風或暴風信號生效，全日停止辦公"

# Hong Kong's escalation ladder, written out as rows (the same rungs as the built-in default)
# so administrators have one to edit; the bank keeps the built-in default.
# (level, role, people found in, English, 简体, 繁體)
LADDER = {
    HK: (
        (0, R.HANDLER, LadderScope.ABOVE, "Case handler", "个案处理人员", "個案處理人員"),
        (1, R.DISTRICT_MANAGER, LadderScope.ABOVE, "District manager", "地区经理", "地區經理"),
        (
            2,
            R.REGIONAL_GM,
            LadderScope.ABOVE,
            "Regional general manager",
            "区域总经理",
            "區域總經理",
        ),
        (
            3,
            R.HQ_COMPLAINTS,
            LadderScope.ABOVE,
            "Head-office complaints unit",
            "总办事处投诉组",
            "總辦事處投訴組",
        ),
        (
            4,
            R.BOARD_INVESTIGATOR,
            LadderScope.ORGANISATION,
            "Chairman & Board Office",
            "主席及董事会办公室",
            "主席及董事會辦公室",
        ),
    ),
}

# The authority matrix: which remedies each role may offer, up to how much in the
# organisation's currency (None: no ceiling; 0: only without money). A proposal beyond it waits
# for the next level's approval. (role, remedies, ceiling, category code or None)
_NO_MONEY = (Rem.APOLOGY, Rem.EXPLANATION, Rem.REPAIR, Rem.REPLACEMENT)
_SMALL_MONEY = (Rem.REFUND, Rem.GOODWILL, Rem.FEE_WAIVER)
_ALL_REMEDIES = (*_NO_MONEY, *_SMALL_MONEY, Rem.COMPENSATION)


def _matrix(front_line: int, manager: int, regional: int) -> tuple:
    return (
        (R.HANDLER, _NO_MONEY, 0, None),
        (R.HANDLER, _SMALL_MONEY, front_line, None),
        (R.BOARD_INVESTIGATOR, _NO_MONEY, 0, None),
        (R.BOARD_INVESTIGATOR, _SMALL_MONEY, front_line, None),
        (R.DISTRICT_MANAGER, _ALL_REMEDIES, manager, None),
        (R.REGIONAL_GM, _ALL_REMEDIES, regional, None),
        (R.HQ_COMPLAINTS, _ALL_REMEDIES, None, None),
    )


AUTHORITY_LIMITS = {
    HK: _matrix(500, 5_000, 50_000),
    # A duplicate card charge is refunded on the acquirer's record: the counter may do more.
    CN: (*_matrix(300, 3_000, 30_000), (R.HANDLER, (Rem.REFUND,), 2_000, "PRD-CHARGE")),
}

# Assignment rules, tried by priority: (priority, name, conditions, handlers from unit (None:
# the complaint's own unit), handlers' role, strategy). Conditions name a category or unit by
# code, or a grade, language or channel.
RuleRow = tuple[int, str, dict[str, str], str | None, R, Strategy]
ASSIGNMENT_RULES: dict[str, tuple[RuleRow, ...]] = {
    HK: (
        (
            10,
            "升降機停用（新界）交工程部 Lifts out of service (New Territories) to Engineering",
            {"category": "FAC-LIFT", "unit": "R-NT"},
            "ENG",
            R.HANDLER,
            Strategy.LEAST_LOADED,
        ),
        (
            20,
            "社交媒體投訴交總辦事處投訴組 Social-media complaints to head office",
            {"channel": Channel.SOCIAL_MEDIA},
            "HO",
            R.HQ_COMPLAINTS,
            Strategy.LEAST_LOADED,
        ),
        (
            30,
            "港島及九龍區嚴重投訴由地區經理親自處理 Major complaints, HK Island & Kowloon: "
            "district manager in person",
            {"grade": Grade.MAJOR, "unit": "R-HKK"},
            None,
            R.DISTRICT_MANAGER,
            Strategy.LEAST_LOADED,
        ),
        (
            100,
            "沙田區個案輪流分派 Sha Tin: handlers in turn",
            {"unit": "D-ST"},
            None,
            R.HANDLER,
            Strategy.ROUND_ROBIN,
        ),
    ),
    CN: (
        (
            10,
            "华南区英文客户投诉交南山支行英语服务专员",
            {"language": "en", "unit": "R-SOUTH"},
            "B-SZNS",
            R.HANDLER,
            Strategy.LEAST_LOADED,
        ),
        (
            20,
            "理财产品销售投诉交总行消费者权益保护部",
            {"category": "PRD-WEALTH"},
            "HO",
            R.HQ_COMPLAINTS,
            Strategy.LEAST_LOADED,
        ),
        (
            30,
            "华东区电话投诉分派区内工作量最少的处理人员",
            {"channel": Channel.PHONE, "unit": "R-EAST"},
            "R-EAST",
            R.HANDLER,
            Strategy.LEAST_LOADED,
        ),
        (
            100,
            "福田支行个案轮流分派",
            {"unit": "B-SZFT"},
            None,
            R.HANDLER,
            Strategy.ROUND_ROBIN,
        ),
    ),
}

# Who is away: (username, days from now it starts, days from now it ends, reason). Relative to
# the load, so the leave is always under way: Sha Tin's round robin skips her meanwhile.
ABSENCES = (("hk.st.handler2", -6, 4, "年假 Annual leave"),)

# Bank complaints whose decision deadline was extended (cn-banking-2020 allows 15 → 30 days, and
# 30 → 60 with the regional general manager's approval): the variants the planner gives the
# first complaints of the bank that stay under investigation. One waits for the regional general
# manager to approve its second extension.
EXTENDED = {CN: ("extended_twice", "extension_asked", "extended")}
