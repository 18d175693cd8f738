"""What a lead sentence must carry for the kind of thing asked."""

from __future__ import annotations

from retrieval.answer.scoring import QuestionProfile, carries


def test_a_share_is_a_result():
    # "49%" ends without a word boundary after the sign: it once counted only when written "per cent".
    profile = QuestionProfile.build("how did patel do", lambda term: 1.0)
    assert carries("outcome", "Patel took 49% of the vote.", profile)
    assert carries("outcome", "Patel took 49%", profile)
    assert not carries("outcome", "Patel has campaigned since 1949.", profile)
