from retrieval.text import terms


def test_won_is_a_word_people_ask_about():
    # "won't" once split into "won" + "t", so "won" was a stop word and "who won?" lost its verb.
    assert terms("Who won the vote?") == ["won", "vote"]
    assert "won" not in terms("She won't run again.")
