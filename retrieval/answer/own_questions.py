"""The story's own questions: an explainer's subheads ("Who qualifies?", "How much forgiveness will they
get?", "What caused the crisis?") answered by the paragraphs under them.

When a member asks what the story itself asks, the story's answer is the paragraphs under that subhead,
even where they do not repeat the question's words ("The plan applies to federal student loan borrowers."
answers "who qualifies for the loan forgiveness"): the subhead says what they are about.
"""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.answer.leads import LOOSE_TYPES
from retrieval.answer.scoring import MUST_CARRY, QuestionProfile, ScoredSentence, answer_type, carries
from retrieval.corpus.roles import asks
from retrieval.text import terms

__all__ = ["story_answer_first"]

ByKey = dict[tuple[int, int], ScoredSentence]
# A subhead of this many words may hold one the member leaves out ("What are the initial symptoms of
# monkeypox?" for "what are the symptoms of monkeypox"); a shorter one must be asked whole ("How is
# monkeypox treated?" is not "how is monkeypox spread").
SPARE_ONE = 3
CLOSE = 0.05  # a sentence under the question this much less supported than the best is as close
# Verbs a subhead asks with that say little of what it asks ("How much forgiveness will they get?" is
# asked as "how much loan forgiveness will borrowers receive"): the member need not use them.
LIGHT_VERBS = frozenset(
    terms("get got take took make made go goes went come came give gave mean happen happens work need")
)


def own_question(sentences: Sequence[ScoredSentence], profile: QuestionProfile) -> ScoredSentence | None:
    """The subhead that asks what the member asks: a question ("Who qualifies?", or "What lawmakers left out")
    using no word the member's question does not ("who qualifies for the loan forgiveness"; one, in a subhead
    of ``SPARE_ONE`` words or more), asking for the same kind of thing (a person, an amount, a reason) or
    saying none, and of those the closest in meaning."""
    asked = answer_type(profile.text)
    questions = [
        s
        for s in sentences
        if s.role == "subhead"
        and asks(s.text)
        and answer_type(s.text) in (asked, None)
        and (own := set(terms(s.text)) - LIGHT_VERBS)
        and len(own - profile.words) <= (1 if len(own) >= SPARE_ONE else 0)
    ]
    return max(questions, key=lambda s: s.similarity, default=None)


def is_under(s: ScoredSentence, heading: ScoredSentence, by_key: ByKey) -> bool:
    """``s`` follows ``heading`` in its passage, in its section: a heading right under it ("What lawmakers
    left out" / "Expanded background checks") opens part of the section; one after body text, the next."""
    if s.passage != heading.passage or s.index <= heading.index:
        return False
    between = [by_key.get((s.passage, i)) for i in range(heading.index + 1, s.index)]
    body_seen = False
    for t in between:
        if t is not None and t.heading and body_seen:
            return False
        body_seen = body_seen or (t is not None and not t.heading)
    return True


def story_answer_first(
    ordered: list[ScoredSentence],
    usable: Sequence[ScoredSentence],
    story_sentences: Sequence[ScoredSentence],
    profile: QuestionProfile,
    by_key: ByKey,
    asked: str | None,
) -> list[ScoredSentence]:
    """``ordered`` with the story's own answer first, when one of its subheads asks the member's question:
    the usable sentences under it carrying what is asked (an amount for "how much"; a capitalised word is no
    sign of "which"), the first of the closest first; then the sentences of the paragraph right under the
    question, which answers it ("Initial symptoms are typically flu-like ..." after "There is an incubation
    period ..."), the closest first; then the rest in reading order. Where a number or a time is asked and
    none under it gives one, nothing moves."""
    heading = own_question(story_sentences, profile)
    if heading is None:
        return ordered
    under = sorted((s for s in usable if is_under(s, heading, by_key)), key=lambda s: s.index)
    carrying = first_close([s for s in under if asked not in LOOSE_TYPES and carries(asked, s.text, profile)])
    rest = [s for s in under if s not in carrying]
    # The paragraph right under the question answers it: its sentences first, the closest of them first.
    opening = [s for i, s in enumerate(rest) if not any(t.opens_paragraph for t in rest[1 : i + 1])]
    rest = sorted(opening, key=lambda s: -s.support) + [s for s in rest if s not in opening]
    answer = carrying if asked in MUST_CARRY else carrying + rest
    return [*answer, *(s for s in ordered if s not in answer)] if answer else ordered


def first_close(sentences: list[ScoredSentence]) -> list[ScoredSentence]:
    """``sentences`` (in reading order) with those about as close to the question as the closest first: the
    first of them answers ("a four-year degree" holds a number too, but the amount forgiven is closer)."""
    best = max((s.support for s in sentences), default=0.0)
    return sorted(sentences, key=lambda s: s.support < best - CLOSE)
