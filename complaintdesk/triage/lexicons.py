"""The words that signal an escalation risk, anger, or a message that is no complaint, as the
triage reads them: in Simplified Chinese and in lower case, since every text is folded to that
form first (search.analysis.fold), so 報警 and 报警 are one entry and Traditional needs no list of
its own. Cantonese words are listed in their folded form (嬲, 冇人理, 困𨋢).

Risks are found by these words alone, not learnt: a missed threat costs more than a false
alarm, the list is easy to read and to extend, and the reason shown is the word itself."""

from typing import Final

# Lists kept a line of words at a time, not one word a line.
# fmt: off
# Escalation risk by kind: what the complainant says they will do, or what has happened.
RISK_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "media": (
        "媒体", "传媒", "记者", "报社", "报纸", "报料", "曝光", "电视台", "上电视", "新闻",
        "微博", "抖音", "小红书", "头条", "发到网上", "放上网", "网上公开", "公开出来", "连登",
        "facebook", "twitter", "tiktok", "instagram", "youtube", "journalist", "reporter",
        "newspaper", "the press", "the media", "social media", "go public", "post it online",
        "post this online", "tv station", "viral", "报道", "公众号", "发帖", "论坛", "直播",
        "热搜", "舆论", "上报纸", "the news", "news desk", "blog about", "post about",
    ),
    "regulator": (
        "12315", "12345", "12378", "1823", "消委会", "消费者委员会", "消协", "市场监管",
        "工商局", "银保监", "银监", "金融监管", "监管局", "监管部门", "监管机构", "人民银行",
        "人行", "金管局", "申诉专员", "证监会", "房管局", "住建局", "信访", "投诉到政府",
        "regulator", "ombudsman", "consumer council", "trading standards", "fca", "cfpb",
        "hkma", "attorney general", "better business bureau", "report you to", "消费者协会",
        "市场监督", "食药监", "卫生署", "食环署", "屋宇署", "机电署", "房屋署", "区议员",
        "议员", "政府部门", "调解中心", "金融纠纷", "保监", "证监", "ofgem", "ofcom", "ftc",
        "financial ombudsman", "consumer protection", "my mp", "councillor", "congressman",
    ),
    "police": (
        "报警", "报案", "警察", "公安", "派出所", "警方", "差人", "打110", "打999", "police",
        "the cops", "call 999", "called 999", "dial 999", "call 911", "called 911", "警署",
        "差馆", "警员",
    ),
    "legal": (
        "律师", "律师函", "律师信", "起诉", "告你们", "告到", "上法庭", "法院", "诉讼",
        "法律途径", "法律责任", "法律行动", "小额钱债", "仲裁", "lawyer", "solicitor",
        "attorney", "sue", "suing", "lawsuit", "to court", "in court", "court case",
        "legal action", "small claims", "litigation", "legal advice",
    ),
    "safety": (
        "受伤", "伤到", "流血", "骨折", "摔倒", "跌倒", "滑倒", "烫伤", "触电", "漏电",
        "电线外露", "起火", "火灾", "着火", "冒烟", "煤气味", "燃气泄漏", "漏气", "中毒",
        "食物中毒", "坠落", "高空坠物", "掉下来", "砸到", "砸伤", "安全隐患", "好危险",
        "非常危险", "很危险", "困在电梯", "困𨋢", "被困", "救护车", "送院", "送医", "injured",
        "injury", "hurt", "bleeding", "broken arm", "broken leg", "slipped", "fell down",
        "burned", "burnt", "electric shock", "exposed wire", "on fire", "caught fire", "smoke",
        "gas leak", "smell of gas", "smelled gas", "poisoning", "trapped", "ambulance",
        "hospital", "dangerous", "hazard", "unsafe", "危险", "隐患", "差点", "险些", "烧伤",
        "割伤", "划伤", "夹伤", "夹到", "下坠", "困人", "火花", "短路", "焦味", "烧焦", "爆炸",
        "爆裂", "碎玻璃", "松脱", "倒塌", "坍塌", "护栏", "窒息", "过敏", "呕吐", "肚痛",
        "腹泻", "急症", "消防通道", "走火通道", "danger", "almost hit", "sparks",
        "short circuit", "burning smell", "explosion", "shattered", "collapsed", "loose",
        "choking", "allergic", "vomiting", "diarrhoea", "diarrhea", "a&e", "emergency room",
        "fire exit", "smoke alarm", "carbon monoxide", "risk to life",
    ),
    "compensation": (
        "赔偿", "索赔", "赔钱", "补偿", "精神损失", "损失费", "赔我", "要求赔", "赔返",
        "compensation", "compensate", "damages", "pay for the damage", "reimburse me",
        "pay me back for",
    ),
}

# How angry the words sound: a weight each (abuse 2, anger 1, displeasure 0.5).
ANGER_WORDS: Final[dict[str, float]] = {
    **dict.fromkeys(
        (
            "垃圾", "骗子", "混蛋", "王八蛋", "去死", "他妈", "妈的", "狗屁", "无耻", "人渣",
            "废物", "傻逼", "白痴", "黑心", "强盗", "流氓", "扑街", "仆街", "废柴", "食屎",
            "idiot", "disgrace", "disgusting", "scam", "fraud", "thieves", "crooks", "pathetic",
            "incompetent", "rubbish", "garbage", "outrageous", "shameful", "furious", "bloody",
            "damn", "useless",
        ),
        2.0,
    ),
    **dict.fromkeys(
        (
            "愤怒", "气愤", "生气", "火大", "受够", "忍无可忍", "太过分", "过分", "离谱",
            "不像话", "欺负", "敷衍", "推卸", "踢皮球", "无语", "强烈不满", "非常不满",
            "一而再", "再三", "屡次", "凭什么", "岂有此理", "搞什么", "嬲", "激气", "顶唔顺",
            "冇人理", "没人理", "没人管", "到底", "忍不了", "angry", "unacceptable",
            "appalling", "terrible", "awful", "horrible", "ridiculous", "worst", "fed up",
            "sick of", "joke", "again and again", "third time", "fourth time", "never again",
        ),
        1.0,
    ),
    **dict.fromkeys(
        (
            "不满", "失望", "麻烦", "不方便", "尽快", "还没", "仍然", "依然", "又", "多次",
            "disappointed", "frustrated", "annoyed", "inconvenient", "still", "again",
            "not happy", "unhappy", "poor",
        ),
        0.5,
    ),
}

# A message that is no complaint: thanks, praise, a question, an advert.
NOT_COMPLAINT_WORDS: Final[tuple[str, ...]] = (
    "谢谢", "感谢", "多谢", "唔该", "表扬", "赞", "辛苦了", "请问", "想问", "咨询", "如何",
    "怎么办理", "几时", "什么时候", "是否可以", "可不可以", "可否", "优惠", "促销", "加微信",
    "thank", "thanks", "grateful", "compliment", "well done", "great job", "how do i",
    "how can i", "could you tell me", "may i ask", "is it possible", "enquiry", "inquiry",
    "promotion", "discount code", "click here",
)

# Words too common to say what a text is about: left out of the models' features (and so of
# the reasons shown). Folded forms; Cantonese particles included.
STOP_WORDS: Final[frozenset[str]] = frozenset(
    (
        "㗎", "一", "不", "个", "也", "了", "从", "他", "他们", "会", "你", "你们", "佢", "係",
        "冇", "再", "到", "又", "吗", "吧", "呀", "呢", "咁", "和", "咗", "哋", "唔", "啊",
        "啦", "啲", "喺", "嘅", "嘢", "噉", "嚟", "在", "她", "它", "对", "就", "很", "您",
        "我", "我们", "把", "是", "有", "没", "的", "给", "能", "被", "要", "让", "说", "还",
        "这", "那", "都", "a", "about", "also", "am", "an", "and", "are", "as", "at", "be",
        "been", "but", "by", "can", "could", "dear", "did", "do", "for", "from", "had", "has",
        "have", "he", "hello", "hi", "i", "if", "in", "is", "it", "its", "just", "me", "my",
        "of", "on", "or", "our", "she", "so", "than", "that", "the", "them", "then", "there",
        "these", "they", "this", "to", "was", "we", "were", "what", "which", "who", "will",
        "with", "would", "you", "your",
    )
)
# fmt: on
