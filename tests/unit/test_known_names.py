"""A question's words that are the stories' proper names, as written: "pompeo's" names Pompeo, but "record
levels" names nothing in stories that name the "Levelling Up" fund (the two share a stem)."""

from __future__ import annotations

from retrieval.answer.intents import recognise
from retrieval.answer.known_names import names_in

NAMES = ("Levelling", "Mike Pompeo", "Iraq")


def test_a_word_written_as_a_name_is_one():
    assert names_in("what was pompeo's answer on iraq", NAMES) == {"pompeo", "iraq"}


def test_a_word_sharing_only_a_stem_with_a_name_is_not_one():
    assert names_in("gas prices fell from record levels", NAMES) == set()
    asked = recognise("how much have gas prices increased from record levels?", names=NAMES)
    assert asked.entities == ()
