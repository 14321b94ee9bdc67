"""What a text holds for the triage, read once: its folded form, its words, its character
pairs, and the lexicons' hits (risks, anger, not-a-complaint cues), which the models take as
features too and the reasons show as they were found."""

import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

from complaintdesk.search.analysis import fold, words_of

from .lexicons import ANGER_WORDS, NOT_COMPLAINT_WORDS, RISK_WORDS, STOP_WORDS

_HAN_RUN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]+")
_SHOUTED = re.compile(r"\b[A-Z]{3,}\b")
_EXCLAIMED = re.compile(r"[!！]")
_ASKED = re.compile(r"[?？]")


def _matcher(entries: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a list: Latin entries as whole words (court is not courtesy) though
    Chinese may touch them (打了12315), Chinese ones anywhere (the language has no spaces)."""
    parts = sorted(entries, key=len, reverse=True)
    return re.compile(
        "|".join(
            rf"(?<![a-z0-9]){re.escape(entry)}(?![a-z0-9])" if entry.isascii() else re.escape(entry)
            for entry in parts
        )
    )


_RISKS = {kind: _matcher(entries) for kind, entries in RISK_WORDS.items()}
_ANGER = _matcher(tuple(ANGER_WORDS))
_NOT_COMPLAINT = _matcher(NOT_COMPLAINT_WORDS)


@dataclass
class Signals:
    # The part of the text read, and the same folded (one script, one case).
    text: str
    folded: str
    words: list[str]
    risks: dict[str, list[str]] = field(default_factory=dict)
    anger_words: list[str] = field(default_factory=list)
    calm_words: list[str] = field(default_factory=list)
    exclaimed: int = 0
    shouted: int = 0
    asked: int = 0

    @property
    def anger_weight(self) -> float:
        return sum(ANGER_WORDS[word] for word in self.anger_words)

    def features(self) -> list[str]:
        """The words, the Chinese character pairs, and a marker per cue the models weigh."""
        found = _terms(self.folded, self.words)
        found.extend(f"risk:{kind}" for kind in self.risks)
        weight = self.anger_weight
        for level, threshold in (("some", 0.5), ("much", 2), ("very", 4)):
            if weight >= threshold:
                found.append(f"anger:{level}")
        found.extend(f"angry:{word}" for word in self.anger_words)
        if self.calm_words:
            found.append("calm:cue")
        for name, count in (("exclaimed", self.exclaimed), ("shouted", self.shouted)):
            if count:
                found.append(f"{name}:1")
            if count >= 3:
                found.append(f"{name}:3")
        if self.asked:
            found.append("asked:1")
        return list(dict.fromkeys(found))

    def as_typed(self, word: str) -> str:
        """A word of the folded text as the text has it (電梯 for 电梯): folding keeps each
        character in its place, so the same span of the text holds it."""
        at = self.folded.find(word)
        if at < 0 or len(self.folded) != len(self.text):
            return word
        return self.text[at : at + len(word)]


# A long letter says what it is about early; the rest only costs time.
READ_CHARACTERS = 4000


def _terms(folded: str, words: list[str]) -> list[str]:
    """The words but the commonest, and the Chinese character pairs: what a text is about."""
    found = [f"w:{word}" for word in words if word not in STOP_WORDS]
    for run in _HAN_RUN.findall(folded):
        found.extend(f"c:{run[i : i + 2]}" for i in range(len(run) - 1))
    return found


@lru_cache(maxsize=512)
def terms_of(text: str) -> frozenset[int]:
    """What a text is about, without the cues, each term by its CRC-32: what similar
    complaints are compared by. The same unit's latest complaints are compared with every new
    one, so each process keeps the last few hundred texts' terms (about 2 KB each)."""
    folded = fold(text[:READ_CHARACTERS])
    return frozenset(zlib.crc32(term.encode("utf-8")) for term in _terms(folded, words_of(folded)))


def signals_of(text: str) -> Signals:
    text = text[:READ_CHARACTERS]
    folded = fold(text)
    return Signals(
        text=text,
        folded=folded,
        words=words_of(folded),
        risks={
            kind: list(dict.fromkeys(found))
            for kind, pattern in _RISKS.items()
            if (found := pattern.findall(folded))
        },
        anger_words=_ANGER.findall(folded),
        calm_words=list(dict.fromkeys(_NOT_COMPLAINT.findall(folded))),
        exclaimed=len(_EXCLAIMED.findall(text)),
        shouted=len(_SHOUTED.findall(text)),
        asked=len(_ASKED.findall(text)),
    )
