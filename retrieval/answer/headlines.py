"""What a story's headline tells about its sentences: where they are set, and whom or what they are about.

A news headline names the story's subject and often its place, and the article's sentences need not say
either again: "The death toll stands at more than 1,000" is about the Afghan quake in a story headlined
"Afghanistan earthquake"; in a story headlined "Thor: Love and Thunder", the film that topped the box office
is the one the headline names.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.answer.asked_types import first_within
from retrieval.answer.intents import Intent
from retrieval.answer.leads import ASKED_NOUN, asked_type, refers_first, set_in, terms_found
from retrieval.answer.scoring import EVIDENCE, QuestionProfile, ScoredSentence, carries
from retrieval.text import STOPWORDS, terms

# A question asking which thing, or who: its answer may be the story's own subject.
ASKS_WHICH = re.compile(r"^\s*(?:which|what|who)\b", re.IGNORECASE)
# The types such a question asks for (none: "what ancient find was uncovered").
NAMED_TYPES = (None, "entity", "person")
# The headline's words that name the subject: those nearly as rare (by IDF) as its rarest.
RARE_SHARE = 0.8


def places_headlined(intent: Intent, title: str) -> frozenset[str]:
    """The names of the place the question sets its event in ("in the afghan quake") that ``title`` holds
    (or a word made from them: "Afghanistan" for "afghan"): every sentence of the article is set there."""
    headline = set(terms(title))
    return frozenset(e for e in set_in(intent) if any(t.startswith(e) for t in headline))


def subject_first(
    ordered: list[ScoredSentence],
    profile: QuestionProfile,
    intent: Intent,
    title: str,
    idf: Callable[[str], float],
    by_key: dict[tuple[int, int], ScoredSentence],
    margin: float,
) -> list[ScoredSentence]:
    """``ordered`` (best first) with the sentences naming the story's subject first, for a question asking
    which thing or who: "which movie topped the box office" of a story headlined "Thor love and thunder" is
    answered by the sentence naming Thor, not by a better supported one on another film. The subject is
    what the headline names that the question does not (its rarest such words); a sentence naming it leads
    when within ``margin`` of the best and, where the question asks for a name, giving one (and not after
    a pronoun)."""
    asked = asked_type(profile, intent)
    if not ordered or asked not in NAMED_TYPES or not ASKS_WHICH.search(profile.text):
        return ordered
    own = [t for t in terms(title) if t not in profile.words and t not in STOPWORDS]
    if not own:
        return ordered
    rarest = max(idf(t) for t in own)
    # (In a story of few passages, a word in most of them has an IDF below zero.)
    subject = {t for t in own if idf(t) >= (RARE_SHARE * rarest if rarest > 0 else rarest)}
    noun = ASKED_NOUN.search(profile.text)

    def names_it(s: ScoredSentence) -> bool:
        # Not one that says "he" before it names anyone ("He smashed the record held by his sister Zara
        # Rutherford"): whom it is about is named elsewhere.
        return (
            bool(subject & terms_found(s, intent, by_key))
            and (asked not in EVIDENCE or carries(asked, s.text, profile))
            and not refers_first(s.text, noun.group(1) if noun else None)
        )

    return first_within(ordered, margin, names_it)
