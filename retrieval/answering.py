"""The answering service: check the question, retrieve from one pinned snapshot, generate, cite."""

from __future__ import annotations

import re
import time
from collections.abc import Generator, Sequence
from dataclasses import replace
from typing import Any, Protocol

from langchain_core.documents import Document

from retrieval.answer import outgoing
from retrieval.answer.bylines import ReadersByline
from retrieval.answer.extractive import abstention
from retrieval.answer.framing import NO_BYLINE, READERS_BYLINE
from retrieval.answer.generation import GeneratedAnswer
from retrieval.answer.generation import Generator as AnswerGenerator
from retrieval.answer.intents import Intent, IntentKind, asks_who_wrote, recognise, story_asked
from retrieval.answer.spelling import complete_names, respell, spell_out
from retrieval.answer.story_choice import headlined, newest_covering, only_the_piece, story_named, thread_on
from retrieval.answer.threads import thread_answer, thread_asked
from retrieval.answer.untrusted import safe_quote
from retrieval.errors import QuestionError, store_errors
from retrieval.index.manifest import StoryEntry
from retrieval.index.passage import Passage
from retrieval.index.snapshot import Snapshot, SnapshotCache
from retrieval.models import Answer, AnswerStream, Citation, Turn
from retrieval.retriever import HybridRetriever
from retrieval.summarising import resolve_story


class Overviews(Protocol):
    """The answers that are summaries of a story (the summarising service gives them)."""

    def overview(self, question: str, story: str | None) -> Answer: ...

    def readers_view(self, question: str, story: str | None, *, contrast: bool) -> Answer: ...

    def thesis(self, question: str, story: str | None) -> Answer: ...


class AnsweringService:
    def __init__(
        self,
        *,
        retriever: HybridRetriever,
        generator: AnswerGenerator,
        snapshots: SnapshotCache,
        max_question_chars: int,
        overviews: Overviews | None = None,
    ) -> None:
        self.retriever = retriever
        self.generator = generator
        self.snapshots = snapshots
        self.max_question_chars = max_question_chars
        self.overviews = overviews

    def check_question(self, question: str) -> str:
        text = " ".join(question.split())
        if not text:
            raise QuestionError("Please ask a question: the text is empty.")
        if len(text) > self.max_question_chars:
            raise QuestionError(
                f"Questions are limited to {self.max_question_chars} characters; yours has {len(text)}."
            )
        return text

    def stream(
        self, question: str, *, story: str | None = None, history: Sequence[Turn] = ()
    ) -> AnswerStream:
        """The answer to ``question`` as a stream; a question that cannot be asked is refused at once."""
        text = self.check_question(question)
        shown = reader_claim(history[-1].answer) if history else ""
        return AnswerStream(self._run(text, story, " ".join(t.question for t in history), shown))

    def _run(
        self, question: str, story: str | None, context: str, shown: str = ""
    ) -> Generator[str, None, Answer]:
        """One snapshot for the whole answer: its passages, and the stories its sources are dated from."""
        snapshot = self.snapshots.current()
        answer = yield from self._respond(question, story, context, snapshot, shown)
        # The answer records the question as asked, whatever spelling was mended to answer it.
        return _sourced(replace(answer, question=question), snapshot, story)

    def _respond(
        self, question: str, story: str | None, context: str, snapshot: Snapshot, shown: str = ""
    ) -> Generator[str, None, Answer]:
        started = time.perf_counter()
        # "hocky" -> the stories' "hockey"; but "dougm" is the start of a commenter's name ("DougM5").
        handles = [a.lower() for a in snapshot.authors(story)]

        def knows(term: str) -> bool:
            return snapshot.knows(term) or any(h.startswith(term) for h in handles)

        question = respell(question, knows, snapshot.uses_word)
        question = spell_out(question, snapshot.knows, snapshot.spelled_out)  # "NH" -> "New Hampshire"
        question = complete_names(question, snapshot.knows, snapshot.names)  # "gronk" -> "Gronkowski"
        if story is None and len(snapshot.manifest.stories) > 1:  # "in the fire breathers column": that one
            story = story_named(question, {s.id: s.title for s in snapshot.manifest.stories})
        if asks_who_wrote(question) and (piece := _story_or_only(story, snapshot)) is not None:
            # Neither story format carries a byline: say who the readers say wrote it, if they say, citing
            # one of them; else say so, rather than quote a reader who says "author".
            if (byline := snapshot.bylines.get(piece.id)) is not None:
                return _answer(question, *_named_by_readers(piece.title, byline), snapshot, started)
            text = NO_BYLINE.format(title=piece.title)
            return _answer(
                question, abstention(snapshot, "the story names no author", text), [], snapshot, started
            )
        for writer in snapshot.writers:
            question = writer.as_the_author(question)  # "whats martin's take on rubio": the author's
        if (thread := thread_asked(question)) is not None and snapshot.manifest.stories:
            # "how many comments are there": the index's own counts, of the story asked about or the newest.
            piece = snapshot.manifest.story(resolve_story(snapshot, story))
            assert piece is not None
            stories = 1 if story else len(snapshot.manifest.stories)
            counted = GeneratedAnswer(
                thread_answer(thread, piece, snapshot.passages, stories), (), False, "extractive"
            )
            return _answer(question, counted, [], snapshot, started)
        authors = snapshot.authors(story)
        # "is that true?" after an answer that showed a reader's claim checks that claim (``shown``); the
        # search itself follows the thread's questions only.
        conversation = f"{context} “{shown}”" if shown else context
        intent = recognise(question, context=conversation, authors=authors, names=snapshot.names)
        if (overview := self._overview(intent, question, story, context, snapshot)) is not None:
            return overview
        if story is None and intent.kind == IntentKind.READERS_VIEW:
            # "what do the commenters think of X": the comments on X, where readers take it up most.
            story = thread_on(intent.focus, snapshot)
        search: dict[str, Any] = {"story": story, "context": context}
        if intent.wants_recent:  # "now" questions: look wider, so the newest story on it is among them
            search["limit"] = 2 * self.retriever.passages
        if intent.kind == IntentKind.COMMENTER:
            within = self._commenter_passages(intent, story, snapshot)
            if not within:
                return _answer(
                    question, abstention(snapshot, "no comment by that reader"), [], snapshot, started
                )
            search["within"] = within
        elif intent.kind == IntentKind.AUTHOR_VIEW:
            search["kind"] = "article"
        elif intent.source:  # "according to the comments / per the article": only that source answers
            search["kind"] = intent.source
        # A factual question is searched as asked (its wording, capitals and all, finds its story best);
        # other intents by what they ask about, their framing removed.
        # So is whether a story mentions a thing: "in the gop piece" finds the piece.
        as_asked = intent.kind == IntentKind.FACTUAL or intent.mention
        search_text = question if as_asked else (intent.question or question)
        with store_errors():
            documents = self.retriever.invoke(search_text, snapshot=snapshot, **search)
            if intent.wants_recent and story is None and len(snapshot.manifest.stories) > 1:
                documents = self._with_newest(documents, search_text, intent, context, snapshot)
        generated = yield from self.generator.stream(question, documents, snapshot, context, intent)
        if generated.abstained and self.overviews is not None:
            # Nothing speaks to the topic in so many words: the piece's thesis, or the readers' positions
            # (on the topic where some comments take it up, else the thread's), answer instead.
            with store_errors():
                if intent.kind == IntentKind.AUTHOR_VIEW:
                    return self.overviews.thesis(question, story or _story_of(documents))
                if intent.kind == IntentKind.READERS_VIEW:
                    return self.overviews.readers_view(
                        question, story or _story_of(documents), contrast=False
                    )
        return _answer(question, generated, documents, snapshot, started)

    def _overview(
        self, intent: Intent, question: str, story: str | None, context: str, snapshot: Snapshot
    ) -> Answer | None:
        """Summary-shaped answers: "tl;dr", "what do readers think", "do readers agree", "the point"."""
        if self.overviews is None:
            return None
        kind = intent.kind
        if kind == IntentKind.FACTUAL and (topic := story_asked(question)):
            # "what happened with brittney griner": a story headlined with it is what is asked, summed up;
            # "what's the deal with the helicopters" of a story on something else asks about them.
            piece = _story_or_only(
                story or self._story_meant(replace(intent, question=topic), "", snapshot), snapshot
            )
            if piece is not None and headlined(topic, piece.title):
                with store_errors():
                    return self.overviews.overview(question, piece.id)
        named = _story_or_only(story, snapshot)
        whole_story = not intent.question or (
            named is not None and only_the_piece(question, intent.question, named.title)
        )
        meant: str | None = None
        if kind == IntentKind.AUTHOR_VIEW and not whole_story:
            # "does the author want a public inquiry" of a column headlined "... cries out for a public
            # inquiry": what the headline claims is the author's view on it, the piece's thesis.
            meant = story or self._story_meant(intent, context, snapshot)
            piece = _story_or_only(meant, snapshot)
            whole_story = piece is not None and headlined(intent.question, piece.title)
        if (
            kind == IntentKind.SUMMARY
            or (kind == IntentKind.READERS_VIEW and whole_story)
            or (kind == IntentKind.CONTRAST)
            or (kind == IntentKind.AUTHOR_VIEW and whole_story)
        ):
            about = story or meant or self._story_meant(intent, context, snapshot)
            with store_errors():
                if kind == IntentKind.SUMMARY:
                    return self.overviews.overview(question, about)
                if kind == IntentKind.AUTHOR_VIEW:
                    return self.overviews.thesis(question, about)
                return self.overviews.readers_view(question, about, contrast=kind == IntentKind.CONTRAST)
        return None

    def _with_newest(
        self, documents: list[Document], text: str, intent: Intent, context: str, snapshot: Snapshot
    ) -> list[Document]:
        """For "now": ``documents`` and the best passages of the newest story on the question (found as a
        summary's story is, looking wider), searched on its own: the corpus-wide best passages may leave out
        the newest story's sentence giving today's figure ("more than 10,000 monkeypox cases in the United
        States", behind older stories' passages on monkeypox). Which story answers is still the selector's
        choice."""
        newest = self._story_meant(intent, context, snapshot)
        if newest is None or newest in {d.metadata["story"] for d in documents[:1]}:
            return documents
        found = {d.metadata["record_id"] for d in documents}
        own = self.retriever.invoke(text, snapshot=snapshot, story=newest, context=context)
        return documents + [d for d in own if d.metadata["record_id"] not in found]

    def _story_meant(self, intent: Intent, context: str, snapshot: Snapshot) -> str | None:
        """The story a summary question is about: the one its words (or the thread's) find, if any; else
        None, for the summarising service to take the newest."""
        if len(snapshot.manifest.stories) <= 1:
            return None
        words = intent.question or context
        if not words.strip():
            return None
        # "the latest on X" looks wider (than a "now" question does: a story is wanted, not its passages), so
        # the newest story on X is among those found.
        limit = 3 * self.retriever.passages if intent.wants_recent else self.retriever.passages
        with store_errors():
            documents = self.retriever.invoke(words, snapshot=snapshot, limit=limit)
        stories = list(dict.fromkeys(d.metadata["story"] for d in documents))
        if stories and intent.wants_recent:  # "the latest on X": the newest story on X
            return newest_covering(stories, intent.focus, snapshot)
        return stories[0] if stories else None

    @staticmethod
    def _commenter_passages(intent: Intent, story: str | None, snapshot: Snapshot) -> list[Passage]:
        """The comments of the reader a question names, by name or by position ("the second commenter"); of
        each reader the name fits, when it fits several ("what did jason say")."""
        if intent.commenters:
            return [p for author in intent.commenters for p in snapshot.by_author(author, story)]
        if intent.comment_number is not None:
            return snapshot.by_comment_number(intent.comment_number, story)
        return []


def _sourced(answer: Answer, snapshot: Snapshot, story: str | None = None) -> Answer:
    """Every answer says which stories (and of when) its sources are, for the edges to show, and leaves
    cleaned, with a note when text of its story was withheld for addressing the bot."""
    manifest = snapshot.manifest
    dated = tuple(
        replace(c, story_published=entry.published if (entry := manifest.story(c.story)) else None)
        for c in answer.citations
    )
    stories = {c.story for c in dated} or ({story} if story else {s.id for s in manifest.stories[:1]})
    answer = replace(answer, citations=dated, corpus_stories=len(manifest.stories))
    return outgoing.answer(answer, snapshot.withheld, stories)


def _story_or_only(story: str | None, snapshot: Snapshot) -> StoryEntry | None:
    """The story asked about: the one named (or bound to the channel), else the corpus's only story."""
    stories = snapshot.manifest.stories
    return snapshot.manifest.story(story) if story else (stories[0] if len(stories) == 1 else None)


# How an answer shows a reader's claim: "A reader (NAME) claims: “...”".
READER_CLAIM = re.compile(r"\b[Aa] reader \([^)]*\) claims: “([^”]+)”")


def reader_claim(answer: str) -> str:
    """The first reader's claim an earlier answer showed, or ""."""
    match = READER_CLAIM.search(answer)
    return match.group(1) if match else ""


def _story_of(documents: Sequence[Document]) -> str | None:
    return documents[0].metadata["story"] if documents else None


def _named_by_readers(title: str, byline: ReadersByline) -> tuple[GeneratedAnswer, list[Document]]:
    """ "Who wrote this?" of a piece whose readers name its writer: who they say, citing the one quoted."""
    said = safe_quote(byline.sentence, "comment")
    text = READERS_BYLINE.format(title=title, name=byline.name, said=said)
    return GeneratedAnswer(text, (0,), False, "extractive", quotes=(said,)), [byline.comment.document()]


def _answer(
    question: str,
    generated: GeneratedAnswer,
    documents: Sequence[Document],
    snapshot: Snapshot,
    started: float,
) -> Answer:
    scores = generated.scores or (0.0,) * len(generated.cited)
    quotes = generated.quotes or ("",) * len(generated.cited)
    citations = tuple(
        Citation.of(
            ref,
            documents[index].metadata,
            documents[index].page_content,
            score,
            safe_quote(quote, documents[index].metadata["kind"]),
        )
        for ref, (index, score, quote) in enumerate(zip(generated.cited, scores, quotes), 1)
    )
    return Answer(
        question=question,
        answer=generated.text,
        abstained=generated.abstained,
        mode=generated.mode,
        citations=citations,
        corpus_version=snapshot.corpus_version,
        latency_ms=(time.perf_counter() - started) * 1000,
        unsupported=generated.unsupported,
        notes=generated.notes,
        reason=generated.reason,
    )
