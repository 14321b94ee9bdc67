"""Text as the search index holds it: words in one script, one case and one form.

Chinese has no spaces, so words are cut by jieba's dictionary (rjieba, its Rust binding: about
4 µs a sentence) after Traditional characters are folded to Simplified (OpenCC), so that 電梯
and 电梯 are one word whichever script a complainant or a handler typed. Latin words are
case-folded and stemmed (Snowball English: "lifts" and "lift" are one word). Punctuation and
spaces are dropped. The index and the query go through the same functions, so they agree.

A document is cut in search mode, which adds the shorter words inside a long one (物业管理 also
gives 物业 and 管理); a query is cut in the precise mode, so that each word it holds must be
found, as people expect of a search box.
"""

import re
from functools import lru_cache

import opencc
import rjieba
import snowballstemmer

# A word the index keeps: letters or digits of any script; "_" is the tokenizers' separator.
_WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[a-z]")
# Longer "words" are pasted identifiers or noise: they would only bloat the index.
MAX_WORD = 40


@lru_cache(maxsize=1)
def _folder() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_STEMMER = snowballstemmer.stemmer("english")


# A complaint stream has a small vocabulary, and the pure-Python stemmer is the slowest step
# of indexing: each word is stemmed once per process.
@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def fold(text: str) -> str:
    """One script (Simplified) and one case."""
    return _folder().convert(text).casefold()


def _words(pieces: list[str]) -> list[str]:
    words: list[str] = []
    for piece in pieces:
        for word in _WORD.findall(piece):
            if len(word) > MAX_WORD:
                continue
            words.append(_stem(word) if _LATIN.match(word) else word)
    return words


def document_words(*texts: str) -> str:
    """What the index holds of these texts: the words, space-separated."""
    folded = fold("\n".join(text for text in texts if text))
    return " ".join(_words(rjieba.cut_for_search(folded)))


def words_of(folded: str) -> list[str]:
    """The words of a text already folded, cut in the precise mode, as they come: what the
    triage's models read."""
    return _words(rjieba.cut(folded))


def query_words(text: str) -> list[str]:
    """The words a query asks for, each once, in the order typed."""
    return list(dict.fromkeys(_words(rjieba.cut(fold(text)))))
