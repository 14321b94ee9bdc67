"""Which language and script a text is in: Simplified or Traditional Chinese, or English.

OpenCC's conversion tables decide: characters that change when converted to Simplified are
Traditional ones, and the other way round. A text with no Chinese is English here (the three
languages the product serves); one where the two scripts tie is the caller's default.
"""

import re
from functools import cache

import opencc

ZH_HANS, ZH_HANT, EN = "zh-hans", "zh-hant", "en"


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# The CJK Unified Ideographs and their Extension A, as one class: a regular expression scans
# a text in C, which an import of 100,000 complaints notices.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")
_LETTER = re.compile(r"[^\W\d_]")


def language_of(text: str, default: str = ZH_HANT) -> str:
    han = "".join(_HAN.findall(text))
    if not han:
        return EN if _LETTER.search(text) else default
    as_simplified = _converter("t2s").convert(han)
    as_traditional = _converter("s2t").convert(han)
    traditional = sum(a != b for a, b in zip(han, as_simplified, strict=False))
    simplified = sum(a != b for a, b in zip(han, as_traditional, strict=False))
    if traditional > simplified:
        return ZH_HANT
    if simplified > traditional:
        return ZH_HANS
    return default if default in (ZH_HANS, ZH_HANT) else ZH_HANT
