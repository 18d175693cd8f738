"""Which sentences answer: one story, a lead that carries what was asked, and the support that follows.

The rules, each general:
- usable sentences are body text of three words or more, never a subhead, caption or boilerplate (usable);
- one story answers: retrieval's first unless another is as strong, or the newest for "now" (story_choice);
- the lead must contain the question's focus (its named entity, else one of its key words) and, for a
  "how many" or "when" question, the kind of thing asked for;
- the article is the primary source: its sentence leads unless a reader's is clearly better;
- a lead that opens with a pronoun ("He won ...", "That's how ...") brings the sentence before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from langchain_core.documents import Document

from retrieval.answer.asked_types import deed_first, doer_first, kind_first, superlative_first
from retrieval.answer.claimed_figures import claims_figure
from retrieval.answer.counting import figures
from retrieval.answer.gist import gist
from retrieval.answer.headlines import places_headlined, subject_first
from retrieval.answer.intents import Intent, IntentKind
from retrieval.answer.leads import (
    answered_after,
    asked_type,
    dated_before,
    lead_first,
    naming_first,
    near_duplicate,
    someone_elses,
    source_first,
    subject_terms,
    terms_found,
    with_context,
    with_leaned_on,
)
from retrieval.answer.own_questions import story_answer_first
from retrieval.answer.scoring import EVIDENCE, MUST_CARRY, QuestionProfile, ScoredSentence, carries
from retrieval.answer.story_choice import StoryChoice, published, textless_asked
from retrieval.answer.unmentioned import unmentioned
from retrieval.answer.usable import first_not_quoting, usable
from retrieval.answer.verdicts import disputed_by
from retrieval.index.passage import opens_with_headline
from retrieval.index.snapshot import Snapshot
from retrieval.text import terms

# Types whose carriers share few words with the question ("where" is answered by "in the Green Zone"), so
# a sentence that carries one needs a little less support.
RELIEVED = ("number", "time", "place", "cause")
# Words for whether a thing is real: a sentence calling the letter "genuine" speaks to "was it fake".
AUTHENTICITY = frozenset(
    terms("fake real genuine authentic authenticity legit legitimate hoax forged forgery bogus phony")
)
# A question with this many focus words spells its subject out (see ``select``).
SPELLED_OUT = 6
# The question's key words: those the story uses that are nearly as rare as its rarest (by IDF).
RARE_SHARE = 0.8


@dataclass
class Found:
    lead: ScoredSentence | None = None
    lead_group: tuple[ScoredSentence, ...] = ()  # the lead with the sentence it leans on, in reading order
    more: list[tuple[ScoredSentence, ...]] = field(default_factory=list)  # further support, best first
    reason: str = ""  # why nothing answers
    no_article_text: bool = False
    passage: int = 0  # the passage of the story with no article text
    unmentioned: str = ""  # "does it mention X": the story that never does
    article_line: ScoredSentence | None = None  # for a readers' question: the article's own line on it
    # When a reader's sentence leads: the article's nearest sentence, if it bears on the question at all.
    article_context: ScoredSentence | None = None
    # A yes/no or claim check the article answers: a reader's sentence saying the opposite, if any.
    dispute: ScoredSentence | None = None


class Selector:
    strong_support = 0.55  # this well supported, a sentence answers even if the question names other things
    margin = 0.2  # further sentences are within this much of the lead
    article_margin = 0.08  # a reader's sentence leads over the article's only when this much better
    # The article's sentence shown beside a reader's lead: close in meaning, and this share of min_support.
    context_similarity = 0.25
    context_share = 0.7
    typed_relief = 0.06  # how much less support a sentence carrying the asked-for number or time needs
    typed_margin = 0.1  # a sentence carrying what is asked leads over a better one within this much
    doer_margin = 0.15  # ... and one naming who did what "who <verb>" asks, within this much
    subject_margin = 0.15  # a sentence naming the story's headlined subject leads over one within this much

    def __init__(self, min_support: float) -> None:
        self.min_support = min_support
        self.story_choice = StoryChoice(min_support, article_margin=self.article_margin)

    def select(
        self,
        profile: QuestionProfile,
        intent: Intent,
        scored: list[ScoredSentence],
        documents: Sequence[Document],
        snapshot: Snapshot,
    ) -> Found:
        if intent.kind == IntentKind.COMMENTER:
            article = snapshot.article_words.get(documents[0].metadata["story"], "") if documents else ""
            if (said := gist(intent, scored, documents, self.margin, article)) is None:
                return Found(reason="that reader's comments hold no usable sentence")
            return Found(said[0][0], *said)
        kind_of = [d.metadata["kind"] for d in documents]
        story_of = [d.metadata["story"] for d in documents]
        if (page := textless_asked(documents, snapshot)) is not None:
            reason = f"story {story_of[page]} has no article text"
            return Found(reason=reason, no_article_text=True, passage=page)
        candidates = [s for s in scored if usable(s, kind_of[s.passage], intent)]
        if not candidates:
            return Found(reason="nothing relevant was retrieved")
        by_key = {s.key: s for s in scored}
        # Sentences that carry the number or time asked for (all of them when neither is asked for).
        typed = [
            s for s in candidates if self._answers(s, profile, intent, frozenset(), by_key, strict=False)
        ]
        headlines: dict[str, float] = {}
        for s in scored:
            if s.index == 0 and opens_with_headline(documents[s.passage].metadata):
                headlines.setdefault(story_of[s.passage], s.support)
        story = self.story_choice.choose(candidates, typed, story_of, kind_of, snapshot, intent, headlines)
        in_story = [s for s in candidates if story_of[s.passage] == story]
        best = in_story[0]
        used = snapshot.story_terms.get(story, set())
        if intent.mention and not set(terms(snapshot.article_words.get(story, ""))).issuperset(intent.focus):
            # Whether the article names a thing is known for sure from its words: no (a reader may, below).
            return Found(reason=f"the story never mentions: {', '.join(intent.focus)}", unmentioned=story)
        strong = best.support >= self.strong_support
        if unsaid := unmentioned(intent, profile, used, published(snapshot, story)[:4], strong=strong):
            return Found(reason=f"the story never mentions: {', '.join(unsaid)}")
        entry = snapshot.manifest.story(story)
        title = entry.title if entry is not None else ""
        # The place the question sets its event in, when the headline names it, is every article sentence's.
        placed = places_headlined(intent, title)

        def about(s: ScoredSentence) -> frozenset[str]:
            return placed if kind_of[s.passage] == "article" else frozenset()

        present = [f for f in intent.key_focus if f in used]
        rarest = max((snapshot.idf(f) for f in present), default=0.0)
        keys = frozenset(f for f in present if snapshot.idf(f) >= RARE_SHARE * rarest)
        answering = [
            s
            for s in in_story
            # A sentence this well supported is about the question already; the focus test is for the rest.
            if self._answers(
                s, profile, intent, keys, by_key, strict=s.support < self.strong_support, headline=about(s)
            )
        ]
        article_line = None
        if intent.kind == IntentKind.READERS_VIEW:
            article_line = next(
                (
                    s
                    for s in scored
                    if story_of[s.passage] == story
                    and kind_of[s.passage] == "article"
                    and usable(s, "article", Intent(IntentKind.FACTUAL, ""))
                    and s.support >= self.min_support
                    and not someone_elses(intent, set(terms(with_leaned_on(s, by_key))))
                ),
                None,
            )
        # The name may be the paragraph's subject, set by the sentence before; a figure asked for may be too.
        figure = asked_type(profile, intent) in MUST_CARRY or claims_figure(intent)
        if not answering or figure:
            answering = [
                s
                for s in in_story
                if s in answering
                or (
                    s.support >= self._floor(profile, intent, s)
                    and self._answers(
                        s, profile, intent, keys, by_key, strict=True, subject_before=True, headline=about(s)
                    )
                )
            ]
        # A question that spells its subject out at length ("Which meal kit service received ... after a
        # recall?") is answered by a sentence that need not repeat its words: the best one, unless a figure is
        # asked (any number in a sentence about something else is not it).
        spelled_out = len(intent.focus) >= SPELLED_OUT and not figure
        if not answering and spelled_out and best.support >= self.min_support:
            answering = [s for s in in_story if s.support >= self.min_support]
        focused = answering
        answering = [s for s in focused if s.support >= self._floor(profile, intent, s)]
        year = published(snapshot, story)[:4]
        answering = lead_first(answering, profile, intent, year, self.typed_margin)
        answering = source_first(naming_first(answering, intent, by_key, year, figure), intent, by_key)
        answering = subject_first(
            answering, profile, intent, title, snapshot.idf, by_key, self.subject_margin
        )
        answering = kind_first(answering, intent.question, self.typed_margin)
        answering = doer_first(answering, intent.question, self.doer_margin, partial(dated_before, year=year))
        answering = deed_first(answering, intent.question, self.typed_margin)
        # Last: "which island has the highest prices" is answered by the sentence saying which is highest,
        # not one merely naming an island. (Not "who": the sentence saying "the highest paid" may leave the
        # name to the one before: "making him the highest paid player".)
        if (intent.answer_type or asked_type(profile, intent)) != "person":
            answering = superlative_first(answering, intent.question)
        own = [s for s in scored if story_of[s.passage] == story]  # the story's own questions, in subheads
        answering = story_answer_first(answering, in_story, own, profile, by_key, asked_type(profile, intent))
        if not answering:
            support = focused[0].support if focused else best.support
            return Found(
                reason=f"no sentence carries the question's focus with support ≥ {self.min_support:.2f}"
                f" (best {support:.2f})"
            )
        lead = answering[0]
        articles = [s for s in answering if kind_of[s.passage] == "article"]
        readers_asked = intent.about_readers
        article_close = bool(articles) and articles[0].support >= max(
            self.min_support, lead.support - self.article_margin
        )
        if kind_of[lead.passage] == "comment" and not readers_asked:
            # A reader quoting the article is the article, second-hand: not a reader's answer.
            lead = first_not_quoting(answering, kind_of, snapshot.article_words.get(story, "")) or lead
            asked = asked_type(profile, intent)
            # The article's sentence leads when close, or when only it holds the place, name or reason asked;
            # what someone said is the article's report, a reader's quoting of it second-hand.
            # But a close article sentence without the place, name or result asked for does not lead over
            # the reader who gives it: the answer says the article does not say, and what the reader claims.
            holds = [s for s in articles if asked in EVIDENCE and carries(asked, s.text, profile)]
            reader_holds = asked in EVIDENCE and carries(asked, lead.text, profile)
            if article_close and (not reader_holds or articles[0] in holds):
                lead = articles[0]
            elif holds and (asked == "speech" or not reader_holds):
                lead = holds[0]
            elif asked == "number" and articles:
                # A figure the article gives (every answering sentence carries one) answers before a
                # reader's, however much closer: the reader's is a claim, the article's the report. (Not a
                # time: the reader's, with the article's line giving the day beside it, answers better than
                # an article sentence dated to another year.)
                lead = articles[0]
            # "is harper mentioned": an article sentence naming it answers, however close a reader's is.
            naming = [s for s in articles if intent.mention and set(terms(s.text)) >= set(intent.focus)]
            if naming:
                lead = naming[0]

        article_context = None
        if kind_of[lead.passage] == "comment" and not readers_asked:
            beside = [
                s
                for s in in_story
                if kind_of[s.passage] == "article"
                and s.similarity >= self.context_similarity
                and s.support >= self.context_share * self.min_support
                and not someone_elses(intent, set(terms(with_leaned_on(s, by_key))))
            ]
            # The article's line giving what is asked (the day, for "when") before a closer one that does not.
            asked = asked_type(profile, intent)
            beside.sort(key=lambda s: not (asked in EVIDENCE and carries(asked, s.text, profile)))
            article_context = beside[0] if beside else None
        lead_group = with_context(lead, by_key, intent.question)
        if (after := answered_after(lead, by_key, profile, intent)) is not None and after not in lead_group:
            lead_group = (*lead_group, after)
        floor = max(self.min_support, lead.support - self.margin)
        taken = list(lead_group)
        more: list[tuple[ScoredSentence, ...]] = []
        for s in answering:
            if s.support < floor:
                break
            if s in taken or any(near_duplicate(s.text, t.text) for t in taken):
                continue
            if kind_of[s.passage] != kind_of[lead.passage]:  # support comes from the lead's own source
                continue
            # The sentence a supporting one leans on may be taken already (the lead itself): not twice.
            group = tuple(t for t in with_context(s, by_key) if t not in taken)
            more.append(group)
            taken.extend(group)
        dispute = None
        if intent.kind in (IntentKind.YES_NO, IntentKind.CLAIM_CHECK) and kind_of[lead.passage] == "article":
            readers = [s for s in scored if story_of[s.passage] == story and kind_of[s.passage] == "comment"]
            dispute = disputed_by(intent, lead, [s for s in readers if usable(s, "comment", intent)])
        return Found(
            lead,
            lead_group,
            more,
            article_line=article_line,
            article_context=article_context,
            dispute=dispute,
        )

    def _floor(self, profile: QuestionProfile, intent: Intent, s: ScoredSentence) -> float:
        """The support a sentence needs to answer: less when it carries the number, time, place or reason
        asked for (numbers and times passed that test in ``_answers``), since such sentences share few words
        with the question."""
        asked = asked_type(profile, intent)
        relieved = asked in RELIEVED and (asked in MUST_CARRY or carries(asked, s.text, profile))
        return self.min_support - (self.typed_relief if relieved else 0.0)

    @staticmethod
    def _answers(
        s: ScoredSentence,
        profile: QuestionProfile,
        intent: Intent,
        keys: frozenset[str],
        by_key: dict[tuple[int, int], ScoredSentence],
        *,
        strict: bool = True,
        subject_before: bool = False,
        headline: frozenset[str] = frozenset(),
    ) -> bool:
        """The sentence (with the one it leans on) holds the question's focus — its named entity, and one of
        its rarest words the story uses (``keys``) or two thirds of its words — and, where a number or a
        time is asked for, one that the question does not already give. ``headline``: the names the sentence
        holds by being under its headline (see ``places_headlined``)."""
        found = terms_found(s, intent, by_key, headline)
        if found & AUTHENTICITY:
            found |= AUTHENTICITY
        # "In the years I've been visiting New Hampshire, ..." then "At less than 4 per cent, unemployment is
        # practically non-existent.": with ``subject_before``, the sentence before may name it.
        named = found | subject_terms(s, by_key) if subject_before else found
        if strict and intent.key_entities and not any(e in named for e in intent.key_entities):
            return False
        if someone_elses(intent, found):
            return False
        answer_type = asked_type(profile, intent)
        # A figure asked for or claimed, in a sentence whose topic the one before sets ("The new Broncos
        # ownership group ..." then "the deal is worth $4.65 billion"): the two hold the question's words.
        found = named if answer_type in MUST_CARRY or claims_figure(intent) else found
        covered = len(set(intent.key_focus) & found)
        most = covered >= 2 and covered * 3 >= 2 * len(intent.key_focus)  # two thirds of its words
        if strict and keys and not keys & found and not most:
            return False
        if answer_type in MUST_CARRY:
            asked = profile.words
            if answer_type == "number":  # a year dates something and a clock time times it: neither counts
                carried = figures(s.text, profile.text)
            else:
                carried = [m.group(0) for m in EVIDENCE[answer_type].finditer(s.text)]
            if not any(not set(terms(c)) <= asked for c in carried):
                return False
        return True
