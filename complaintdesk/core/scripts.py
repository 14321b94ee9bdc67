"""Which language and script a text is in: Simplified or Traditional Chinese, or English.

OpenCC's conversion tables decide: characters that change when converted to Simplified are
Traditional ones, and the other way round. A text with no Chinese is English here (the three
languages the product serves); one where the two scripts tie is the caller's default.
"""

from functools import cache

import opencc

ZH_HANS, ZH_HANT, EN = "zh-hans", "zh-hant", "en"


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _is_han(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf"


def language_of(text: str, default: str = ZH_HANT) -> str:
    han = "".join(ch for ch in text if _is_han(ch))
    if not han:
        return EN if any(ch.isalpha() for ch in text) else default
    as_simplified = _converter("t2s").convert(han)
    as_traditional = _converter("s2t").convert(han)
    traditional = sum(a != b for a, b in zip(han, as_simplified, strict=False))
    simplified = sum(a != b for a, b in zip(han, as_traditional, strict=False))
    if traditional > simplified:
        return ZH_HANT
    if simplified > traditional:
        return ZH_HANS
    return default if default in (ZH_HANS, ZH_HANT) else ZH_HANT
