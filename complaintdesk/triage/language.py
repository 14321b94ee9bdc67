"""The language and script of a text: English, or Chinese in Simplified or Traditional
characters. Folding to Simplified (OpenCC, as the search does) changes the Traditional forms a
text holds and leaves Simplified ones be, so the share of its Chinese characters that fold
tells the script; a few changed characters in a long Simplified text are variants (乾, 著),
hence a share rather than any. Written Cantonese (嘅, 咗, 冇, 唔) is Hong Kong's, in Traditional
characters, even when typed in Simplified ones. Only the folding converter is loaded: the
reverse one would cost the web worker some 26 MB for this one question."""

import re

from complaintdesk.complaints.choices import Language
from complaintdesk.search.analysis import fold

_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[A-Za-z]")
_CANTONESE = re.compile(r"[嘅咗冇唔嚟噉咁啲喺嗰乜]")
# The share of a text's Chinese characters that must fold for it to be Traditional.
TRADITIONAL_SHARE = 0.05


def language_of(text: str) -> str:
    """A complaints.choices.Language value; English when the text has (next to) no Chinese."""
    han = "".join(_HAN.findall(text))
    if not han or len(han) * 8 < len(_LATIN.findall(text)):
        return Language.EN
    if _CANTONESE.search(han):
        return Language.ZH_HANT
    folded = fold(han)
    if len(folded) != len(han):
        return Language.ZH_HANT
    changed = sum(a != b for a, b in zip(han, folded, strict=True))
    return Language.ZH_HANT if changed >= TRADITIONAL_SHARE * len(han) else Language.ZH_HANS
