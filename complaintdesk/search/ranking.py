"""Which documents match a query best: BM25 (k1 = 1.2, b = 0.75, the usual constants) over a
set of candidate documents, with each word's rarity taken from among them.

Ranking every match of a common word costs time in proportion to the matches (85,000 of 电梯
in a million complaints), and neither database can rank a chosen few of them cheaply (FTS5
seeks the whole query again for each). The caller therefore hands over a bounded set, the
newest matches a person may see, and they are ranked here, the same way on both databases.
"""

import math

K1 = 1.2
B = 0.75


def ranked(query: list[tuple[str, ...]], documents: dict[int, str]) -> list[int]:
    """The documents' ids, best match first (ties: the newer id first). Each term of the query
    is a word and those that mean the same (synonyms.py): any of them counts."""
    if not documents:
        return []
    # Counting " word " in the space-padded text is the same count as splitting, in C.
    padded = {pk: f" {words} " for pk, words in documents.items()}
    lengths = {pk: text.count(" ") - 1 for pk, text in padded.items()}
    frequency = {
        pk: [sum(text.count(f" {word} ") for word in term) for term in query]
        for pk, text in padded.items()
    }
    average = sum(lengths.values()) / len(lengths) or 1.0
    total = len(documents)
    rarity = []
    for n in range(len(query)):
        holding = sum(1 for counts in frequency.values() if counts[n])
        rarity.append(math.log(1 + (total - holding + 0.5) / (holding + 0.5)))

    def score(pk: int) -> float:
        norm = K1 * (1 - B + B * lengths[pk] / average)
        return sum(
            rarity[n] * tf * (K1 + 1) / (tf + norm) for n, tf in enumerate(frequency[pk]) if tf
        )

    return sorted(documents, key=lambda pk: (-score(pk), -pk))
