"""What a question asks about that the story answering it never mentions: then the story does not say,
however close its sentences are."""

from __future__ import annotations

from retrieval.answer.counting import YEAR
from retrieval.answer.intents import Intent
from retrieval.answer.said import speaker_asked
from retrieval.answer.scoring import QuestionProfile
from retrieval.text import terms

# How many of a speaker's words the story must lack for them to be unmentioned: a role in words ("the
# prime minister"); one word may be an abbreviation the story spells out ("the pm").
SPEAKER_MISSING = 2


def unmentioned(
    intent: Intent, profile: QuestionProfile, used: set[str], year: str, *, strong: bool
) -> list[str]:
    """The words of what ``intent`` asks about that a story using ``used`` (its terms) and published in
    ``year`` never mentions, when they make it not the story's subject; [] when it is. ``strong``: the
    story's best sentence is so well supported that it answers even if the question names other things."""
    named = set(profile.keys)
    missing = sorted(named - used)
    mostly_missing = len(missing) * 2 > len(named) or (named and len(missing) == len(named))
    # A year the question names that the story neither mentions nor was published in: it is about another
    # time ("who won the 1998 Super Bowl" of a story from 2022 that never says 1998), however close its
    # sentences are.
    other_time = [k for k in missing if YEAR.fullmatch(k) and k != year]
    if other_time or (mostly_missing and not strong):
        return missing
    # "what is the capital of australia": a story that names Australia but never says "capital" says
    # nothing about what is asked of it.
    asked = [f for f in intent.focus if f not in intent.entities]
    if intent.entities and asked and not used.intersection(asked) and not strong:
        return asked
    # Whatever someone the story never names said, it is not in the story.
    if speaker := speaker_asked(intent.question):
        unnamed = [t for t in terms(speaker) if t not in used]
        if len(unnamed) >= SPEAKER_MISSING:
            return unnamed
    return []
