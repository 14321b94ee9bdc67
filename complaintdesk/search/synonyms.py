"""Words that name the same thing in Hong Kong, Taiwan and the mainland (and in the English a
Hong Kong office mixes in): a complainant in Sha Tin writes 升降機 where a handler from
Shenzhen types 电梯. Folding the script (OpenCC) cannot join them: they are other words.

A query word of a group finds any word of it. The groups are the vocabulary of complaints
about property, banking and services; an organisation's own list would go beside them.
"""

from functools import lru_cache

from .analysis import query_words

# As people write them; analysis folds and stems them on first use.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("电梯", "升降機", "lift", "elevator"),
    ("空调", "冷氣"),
    ("出租车", "的士", "計程車", "taxi"),
    ("网络", "網路"),
    ("信息", "資訊"),
    ("软件", "軟體"),
    ("自行车", "單車"),
    ("停车", "泊車"),
    ("物业", "物業管理", "屋苑"),
    ("手机", "手提"),
    ("质量", "質素"),
    ("公交车", "巴士"),
    ("地铁", "港鐵"),
)


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for group in GROUPS:
        words = tuple(dict.fromkeys(w for member in group for w in query_words(member)))
        for word in words:
            found[word] = words
    return found


def alternatives(word: str) -> tuple[str, ...]:
    """The word and those that mean the same (the word alone when it has none)."""
    return _groups().get(word, (word,))
