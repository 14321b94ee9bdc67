"""Text as the index holds it: one script, one case, one form of each word."""

from complaintdesk.search.analysis import document_words, query_words


def test_traditional_and_simplified_chinese_are_one_word():
    # Given the same words typed in either script
    # When each is analysed
    # Then both come out in one script, so each finds the other
    assert query_words("電梯") == query_words("电梯") == ["电梯"]
    assert query_words("投訴") == query_words("投诉") == ["投诉"]
    assert "电梯" in document_words("小區電梯經常故障").split()


def test_two_character_words_are_found_inside_a_sentence():
    # Given a sentence with no spaces
    words = document_words("物業管理費退款").split()

    # Then its words are cut out, the shorter ones inside a long word too
    assert {"物业", "管理", "管理费", "退款"} <= set(words)


def test_english_words_are_case_folded_and_stemmed():
    assert document_words("The LIFTS were broken").split() == ["the", "lift", "were", "broken"]
    assert query_words("Lifts") == ["lift"]


def test_punctuation_and_repeats_are_dropped_from_a_query():
    assert query_words("lift, lift & pump!") == ["lift", "pump"]
    assert query_words("？！…") == []
