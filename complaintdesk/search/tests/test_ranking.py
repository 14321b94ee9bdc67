"""BM25 over the candidates: more of the asked words, and the rarer ones, rank higher."""

from complaintdesk.search.ranking import ranked


def test_a_document_with_more_of_the_word_ranks_higher_and_ties_go_to_the_newer():
    documents = {1: "lift broken", 2: "lift lift lift broken", 3: "lift broken", 4: "water"}

    assert ranked([("lift",)], documents) == [2, 3, 1, 4]


def test_the_rarer_of_two_words_weighs_more():
    # Given "电梯" in every document and "噪音" in one
    documents = {1: "电梯 噪音", 2: "电梯 电梯", 3: "电梯 故障", 4: "电梯 漏水"}

    # Then the one holding the rare word comes first
    assert ranked([("电梯",), ("噪音",)], documents)[0] == 1


def test_nothing_to_rank_is_an_empty_ranking():
    assert ranked([("lift",)], {}) == []


def test_a_word_that_means_the_same_counts_as_the_word():
    documents = {1: "升降机 故障", 2: "水管 故障"}

    assert ranked([("电梯", "升降机")], documents) == [1, 2]
