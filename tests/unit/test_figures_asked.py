"""Which figures in a sentence answer a "how much" or "how many" question: a sum of money for a price, a
change for a rise, a count for "how many" (not a measure of something else)."""

from __future__ import annotations

import pytest

from retrieval.answer.counting import figures


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("It sold for $4.65 billion.", ["$4.65 billion"]),
        ("The fine was 2.9 million euros.", ["2.9 million euros"]),
        ("He said it cost billions of dollars to build.", ["billions of dollars"]),
        ("A payment of 1 million rubles will be given.", ["1 million rubles"]),
        ("The seller asks 10 bitcoin for the data.", ["10 bitcoin"]),
        ("They come in servings of eight, 12 or 36 pieces.", []),
    ],
)
def test_a_price_is_a_sum_of_money(sentence, found):
    assert figures(sentence, "how much did it cost") == found


def test_a_rise_is_a_change_not_a_level():
    question = "how much have fares increased this year"
    assert figures("Fares were up nearly 40% over the year.", question) == ["40"]
    assert figures("Fares tumbled by 86 cents.", question) == ["86"]
    assert figures("Fares hit a record $14.20 in June.", question) == []


def test_how_many_is_not_a_measure_of_something_else():
    question = "how many people had to evacuate"
    assert figures("The fire burned 18,000 acres.", question) == []
    assert figures("It cost $5 million.", question) == []
    assert figures("About 3,000 people fled.", question) == ["3,000"]
    assert figures("The fire burned 18,000 acres.", "how many acres burned") == ["18,000"]


def test_how_long_a_thing_was_is_a_length_or_a_span_not_a_weight():
    question = "saw a giant python got caught in florida, how long was it?"
    assert figures("The python weighed a record 215 pounds.", question) == []
    assert figures("The 18-foot-long python was caught.", question) == ["18-foot"]
    assert figures("The trial lasted three weeks.", "how long was the trial") == ["three"]


def test_a_count_in_words_is_a_count():
    question = "how many migrants were on the first bus"
    assert figures("Fifty-four migrants arrived on Friday on the first bus.", question) == ["Fifty-four"]
    assert figures("Seventeen migrants and twenty-one volunteers were on it.", question) == [
        "Seventeen",
        "twenty-one",
    ]
