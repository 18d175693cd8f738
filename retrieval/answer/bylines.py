"""The writer a story's readers name, when the story carries no byline: neither story format has one, but a
column's readers address its writer ("Mr. Martin", "Good column, Lawrence"), argue with "Martin's premise"
and call it "a Lawrence Martin column". Asked "who wrote this?", the answer says who the readers say it is,
citing one of them; and "what does martin think of rubio" asks what the author thinks.

Only a name the article itself never uses can be its writer's (a politician the readers argue about is in
the article), only one readers put beside the piece at least once ("Martin's column", "Mr. Martin"), and
only one named clearly more often than any other such name: a reader praising another paper's columnist
("Margaret Wente's piece on the trial") does not make her the writer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.index.passage import Passage

# A full name as readers write it: "Lawrence Martin".
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
# Capitalised words that open sentences or address someone, never a first name.
_NOT_FIRST_NAMES = frozenset(
    "The This That These Those A An I In On Of And But So If When What Why How Good Well Like Mr Ms Mrs Dr "
    "Dear Thank Thanks Yes No Not Sorry Oh Ah Ahhh Hey Hi Sir Shame Chill Bravo Great Nice".split()
)
_PIECE = r"(?:columns?|articles?|pieces?|op-?eds?|editorials?|premise|point|argument|thesis|writing)"
_AS_A_WRITER = re.compile(rf"\b(?:{_PIECE}|writers?|columnists?|commentators?|authors?|wrote|writes)\b", re.I)
# How many times as often (readers' mentions and writer-like uses together) the writer is named as the next
# name: a clear lead, not a near tie with another columnist a reader brings up.
CLEAR_LEAD = 1.5


@dataclass(frozen=True)
class ReadersByline:
    """The writer the readers name: ``name`` in full, ``surname`` as readers mostly use it, and ``comment``,
    a comment naming them in full (to cite), with ``sentence`` the sentence that does. ``others``: the first
    names of other people the readers name with the same surname ("paul" of the former prime minister)."""

    name: str
    surname: str
    comment: Passage
    sentence: str
    others: frozenset[str] = frozenset()

    def as_the_author(self, question: str) -> str:
        """``question`` with the writer named as "the author": "whats martin's take on rubio" asks what the
        author thinks; "what did paul martin do" is about someone else."""
        first = self.name.split()[0]
        pattern = re.compile(rf"\b(?:{first}\s+)?{self.surname}(?P<own>'s|’s)?\b", re.IGNORECASE)

        def author(match: re.Match[str]) -> str:
            before = question[: match.start()].split()
            if before and before[-1].lower() in self.others:
                return match.group(0)
            return "the author's" if match.group("own") else "the author"

        return pattern.sub(author, question)


# Readers putting a name beside the piece: "Mr. Martin", "Martin's column", "a Lawrence Martin column",
# "columns like Martin's" (one pattern for every name: compiling one per name costs more than the search).
_AS_WRITER = re.compile(
    rf"\b(?:Mr|Ms|Mrs)\.?\s+([A-Z][a-z]+)\b|\b([A-Z][a-z]+)(?:'s|’s)?\s+{_PIECE}\b"
    rf"|\b{_PIECE}\s+(?:like|by|from)\s+(?:[A-Z][a-z]+\s+)?([A-Z][a-z]+)\b"
)


def readers_byline(comments: Sequence[Passage], article: str) -> ReadersByline | None:
    """The writer the ``comments`` name, of a story whose ``article`` text (with its title) never names
    them; None when the readers name no one clearly."""
    # Each comment's capitalised words, so counting who names whom is a set lookup, not a regex per name.
    words = [frozenset(_CAPITALISED.findall(c.text)) for c in comments]
    in_article = frozenset(_CAPITALISED.findall(article))
    forms: Counter[tuple[str, str]] = Counter()
    for comment in comments:
        for first, surname in _FULL_NAME.findall(comment.text):
            if first not in _NOT_FIRST_NAMES and surname not in in_article:
                forms[(first, surname)] += 1
    # Of the full names sharing a surname ("Paul Martin" the former prime minister, "Lawrence Martin"),
    # the one whose first name readers use most ("Well said Lawrence").
    firsts = Counter(w for found in words for w in found)
    best_form: dict[str, tuple[str, str]] = {}
    for form in sorted(forms, key=lambda f: (firsts[f[0]], forms[f]), reverse=True):
        best_form.setdefault(form[1], form)
    as_writer = Counter(
        name for c in comments for name in {n for m in _AS_WRITER.finditer(c.text) for n in m.groups() if n}
    )
    weight: dict[str, int] = {}
    for surname, (first, _) in best_form.items():
        if used := as_writer[surname]:
            weight[surname] = used + sum(surname in found or first in found for found in words)
    ranked = sorted(weight, key=weight.__getitem__, reverse=True)
    if not ranked or (len(ranked) > 1 and weight[ranked[0]] < CLEAR_LEAD * weight[ranked[1]]):
        return None
    first, surname = best_form[ranked[0]]
    name = f"{first} {surname}"
    others = frozenset(f.lower() for f, s in forms if s == surname and f != first)
    naming = [
        (comment, comment.text[start:end].strip())
        for comment in comments
        for start, end in comment.sentences
        if name in comment.text[start:end]
    ]
    # Best cited: a reader naming them as a writer ("Of all the political writers ... Lawrence Martin").
    naming.sort(key=lambda found: not _AS_A_WRITER.search(found[1]))
    return ReadersByline(name, surname, naming[0][0], naming[0][1], others) if naming else None
