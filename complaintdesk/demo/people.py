"""Made-up complainants: Hong Kong residents, mainland bank customers and English speakers,
with phone numbers in the local format. Some come back with a second complaint."""

import random
from dataclasses import dataclass, field

from complaintdesk.customers.models import Complainant, CustomerTier, IdentityDocument

from .org_data import HK


def _words(text: str) -> list[str]:
    return text.split()


HK_SURNAMES = _words("陳 李 張 黃 何 林 吳 劉 梁 鄭 謝 郭 羅 馮 曾 鄧 許 蔡 朱 袁 葉 蘇 盧 麥")
HK_ROMAN = dict(
    zip(
        HK_SURNAMES,
        _words(
            "chan lee cheung wong ho lam ng lau leung cheng tse kwok law fung tsang tang hui "
            "choi chu yuen yip so lo mak"
        ),
        strict=True,
    )
)
HK_GIVEN = {
    "m": _words("志明 家豪 偉強 俊傑 國華 子健 卓賢 永康 浩然 樂天 嘉俊 德輝"),
    "f": _words("嘉欣 詠詩 美玲 淑儀 慧敏 婉婷 寶儀 曉彤 麗珊 雅琪 凱琳 佩儀"),
}
CN_SURNAMES = _words("王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗")
CN_ROMAN = dict(
    zip(
        CN_SURNAMES,
        _words(
            "wang li zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo"
        ),
        strict=True,
    )
)
CN_GIVEN = {
    "m": _words("伟 强 磊 军 洋 勇 杰 涛 明 超 建华 晓东 浩然 思远 志刚 国强"),
    "f": _words("芳 娜 秀英 敏 静 丽 艳 娟 霞 婷 晓燕 雨萱 子涵 丽华 佳怡 欣怡"),
}
EN_FIRST = {
    "m": _words("David Michael James Daniel Thomas Richard Kenji Rahul Lucas Oliver"),
    "f": _words("Sarah Emma Jennifer Olivia Sophie Anna Priya Yuki Laura Grace"),
}
# Mobile number blocks of the three mainland carriers.
MAINLAND_PREFIXES = _words(
    "130 131 132 135 136 137 138 139 150 151 152 158 159 177 186 187 188 189"
)
EN_LAST = _words("Thompson Wilson Smith Brown Taylor Martin Schmidt Tanaka Sharma Dubois Wong Chan")


@dataclass
class Person:
    org_key: str
    language: str
    name: str
    salutation: str
    details: dict[str, str] = field(default_factory=dict)
    site_code: str = ""
    flat: str = ""
    complainant: Complainant | None = None

    @property
    def phone(self) -> str:
        return self.details.get("phone", "")


class People:
    """Hands out complainants; about one complaint in six comes from someone seen before."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.seen: list[Person] = []
        self.used_phones: set[str] = set()

    def pick(self, org_key: str, language: str, site_code: str, site_name: str) -> Person:
        earlier = [
            p
            for p in self.seen
            if p.org_key == org_key and p.language == language and p.site_code == site_code
        ]
        if earlier and self.rng.random() < 0.17:
            return self.rng.choice(earlier)
        person = self._new(org_key, language, site_code, site_name)
        self.seen.append(person)
        return person

    def _new(self, org_key: str, language: str, site_code: str, site_name: str) -> Person:
        rng = self.rng
        sex = rng.choice("mf")
        hk = org_key == HK
        flat = ""
        if hk:
            block, floor, door = rng.randint(1, 6), rng.randint(2, 38), rng.choice("ABCDEFGH")
            flat = (
                f"Flat {door}, {floor}/F, Block {block}"
                if language == "en"
                else f"{block}座{floor}樓{door}室"
            )
        if language == "en":
            surname = rng.choice(EN_LAST)
            name = f"{rng.choice(EN_FIRST[sex])} {surname}"
            salutation = f"{'Mr' if sex == 'm' else 'Ms'} {surname}"
            handle = name.lower().replace(" ", ".")
        elif hk:
            surname = rng.choice(HK_SURNAMES)
            name = surname + rng.choice(HK_GIVEN[sex])
            salutation = surname + ("先生" if sex == "m" else "女士")
            handle = f"{HK_ROMAN[surname]}{rng.randint(10, 999)}"
        else:
            surname = rng.choice(CN_SURNAMES)
            name = surname + rng.choice(CN_GIVEN[sex])
            salutation = surname + ("先生" if sex == "m" else "女士")
            handle = f"{CN_ROMAN[surname]}{rng.randint(10, 9999)}"
        details = {
            "name": name,
            "phone": self._phone(hk),
            "preferred_language": language,
            "tier": rng.choices(
                [CustomerTier.STANDARD, CustomerTier.PRIORITY, CustomerTier.VIP], [88, 8, 4]
            )[0],
        }
        if rng.random() < 0.55:
            domain = rng.choice(
                ["example.com", "example.net", "example.hk" if hk else "example.cn"]
            )
            details["email"] = f"{handle}@{domain}"
        if hk:
            details["address"] = f"{site_name} {flat}"
            details["account_reference"] = flat
            if rng.random() < 0.3:
                details["id_document_type"] = IdentityDocument.HKID
                details["id_document_number"] = (
                    f"{rng.choice('AKPRYZ')}{rng.randint(100000, 999999)}({rng.randint(0, 9)})"
                )
        else:
            details["account_reference"] = f"6217 **** **** {rng.randint(1000, 9999)}"
            if language == "en":
                details["id_document_type"] = IdentityDocument.PASSPORT
                details["id_document_number"] = (
                    f"{rng.choice('CEGKP')}{rng.randint(1000000, 9999999)}"
                )
            elif rng.random() < 0.4:
                area = rng.choice(["440304", "440305", "310115", "310106"])
                born = f"{rng.randint(1955, 2002)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                details["id_document_type"] = IdentityDocument.PRC_ID
                details["id_document_number"] = (
                    f"{area}{born}{rng.randint(100, 999)}{rng.randint(0, 9)}"
                )
        return Person(org_key, language, name, salutation, details, site_code, flat)

    def _phone(self, hk: bool) -> str:
        while True:
            if hk:
                digits = f"{self.rng.choice('569')}{self.rng.randint(0, 9999999):07d}"
                phone = f"{digits[:4]} {digits[4:]}"
            else:
                prefix = self.rng.choice(MAINLAND_PREFIXES)
                digits = f"{prefix}{self.rng.randint(0, 99999999):08d}"
                phone = f"{digits[:3]} {digits[3:7]} {digits[7:]}"
            if digits not in self.used_phones:
                self.used_phones.add(digits)
                return phone
