"""Question intents (issue 9), what a question carries beyond its kind: the claim a claim check is about,
the comment author a commenter question names, the focus an answer must be about, whether it wants the
newest story. Typed the way people type in Discord, with the near misses
that must not be taken for them. Pure functions: no index, no model.

The other kinds (summaries, readers' view, contrast, author's view, yes/no, factual): test_intents.py; chat
spelling: test_chat_words.py.
"""

from __future__ import annotations

import pytest

from retrieval.answer.intents import Intent, IntentKind, recognise

AUTHORS = (
    "Mark Shore",
    "DangerN",
    "Jason Argo",
    "r_w",
    "Jimbo5",
    "José Álvarez",
    "the alberta liberal",
    "Canada1",
    "Mark Farmer",
    "Government Surveillance Acct.",
    "[removed]",
)


def kind_of(question: str, **kwargs: object) -> IntentKind:
    return recognise(question, **kwargs).kind  # type: ignore[arg-type]


# -- claim checks ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("is it true that the troops are leaving", "the troops are leaving"),
        (
            "is it true theres like 100 million unemployed americans? saw that in the comments",
            "there is 100 million unemployed americans",
        ),
        ("fact check: biden forgave all student loans", "biden forgave all student loans"),
        ("did trump really threaten sanctions", "trump threaten sanctions"),
        ("is the letter legit", "the letter is legit"),
        ("was the letter fake? i heard it was fake", "the letter was fake"),
        ("is the 3,000 troops number accurate?", "the 3,000 troops number is accurate"),
        (
            "someone in the comments says the 82nd airborne just got sent to iraq, is that true",
            "the 82nd airborne just got sent to iraq",
        ),
        (
            "my uncle says chinas missiles flew right over taiwan, is that legit",
            "chinas missiles flew right over taiwan",
        ),
        (
            "a commenter says the author mixed up reagan and bush. did he mess up?",
            "the author mixed up reagan and bush",
        ),
        ("i heard the pm resigned, true?", "the prime minister resigned"),
        ("is it accurate that gas fell for 50 days", "gas fell for 50 days"),
    ],
)
def test_claim_check_phrasings_carry_the_claim(question: str, claim: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question) == (IntentKind.CLAIM_CHECK, claim)


@pytest.mark.parametrize(
    "question",
    [
        "is that true?",
        "really?",
        "source?",
        "sources??",
        "is that claim true?",
        "for real?",
        "fr?",
        "proof?",
        "any source for that",
        "is this confirmed",
        "is that legit lol",
    ],
)
def test_a_bare_doubt_checks_the_claim_in_the_thread(question: str) -> None:
    context = (
        "what about the airborne?\n"
        "A reader comment (comment 3 by Bob) claims: “The Pentagon just ordered 3,000 troops to Iraq.” [2]"
    )
    assert recognise(question) == Intent(IntentKind.CLAIM_CHECK, "")
    intent = recognise(question, context=context)
    assert (intent.kind, intent.question) == (
        IntentKind.CLAIM_CHECK,
        "The Pentagon just ordered 3,000 troops to Iraq",
    )


def test_a_doubt_finds_a_claim_the_asker_reported_earlier() -> None:
    intent = recognise("is that true", context="someone said the 82nd airborne was sent to iraq")
    assert intent.question == "the 82nd airborne was sent to iraq"
    assert recognise("is that true", context="Milley said the letter was a draft. [1]").question == (
        "the letter was a draft"
    )


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("who said the letter was legit", IntentKind.FACTUAL),
        ("is boris johnson still pm?", IntentKind.YES_NO),
        ("did the pentagon confirm the letter", IntentKind.YES_NO),
        (
            "did harper actually leave a surplus? ppl in the comments keep fighting about it",
            IntentKind.YES_NO,
        ),
        ("The White House said a new vaccine is coming. When will it be available?", IntentKind.FACTUAL),
        ("Police said the men planned to riot at an event. Where was the event?", IntentKind.FACTUAL),
        ("what did trump say about the letter", IntentKind.FACTUAL),
        ("does the letter say anything about civilians", IntentKind.YES_NO),
    ],
)
def test_not_claim_checks(question: str, kind: IntentKind) -> None:
    assert kind_of(question) is kind


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("someone said the letter was a draft", "the letter was a draft"),
        ("people are saying the letter was fake lol", "the letter was fake"),
        ("i heard they're leaving", "they are leaving"),
        ("the letter was a draft, is that true?", "the letter was a draft"),
        ("did the 82nd airborne deploy or is that fake news", "the 82nd airborne deploy"),
        ("is it real or fake", ""),
        ("is that accurate tho", ""),
        # A reader's claim, and whether the story backs it: a claim check, not readers against the article.
        (
            "a commenter says journalists are all liberals, does the article say that",
            "journalists are all liberals",
        ),
        ("someone says the letter was a draft. does the story back that?", "the letter was a draft"),
    ],
)
def test_hearsay_and_a_check_after_the_claim(question: str, claim: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question) == (IntentKind.CLAIM_CHECK, claim)


# -- named commenters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "author"),
    [
        ("what did mark shore say about waterboarding", "Mark Shore"),
        ("what did MARK SHORE say", "Mark Shore"),
        ("what did mark shor say", "Mark Shore"),
        ("what did dangern say about the vote", "DangerN"),
        ("what did @DangerN post", "DangerN"),
        ("what was jason argo's point", "Jason Argo"),
        ("jason argos comment on the vote?", "Jason Argo"),
        ("what was jason argo's problem with the column", "Jason Argo"),
        ("what did jose alvarez say", "José Álvarez"),
        ("what did r w write", "r_w"),
        ("what did r_w say", "r_w"),
        ("what did jimbo say", "Jimbo5"),
        ("what did jason say", "Jason Argo"),
        ("what did argo say", "Jason Argo"),
        ("comments by dangern?", "DangerN"),
        ("did jason argo comment on the vote", "Jason Argo"),
        ("what is jasonargo saying", "Jason Argo"),
        ("what did canada1 say", "Canada1"),
        # What a reader thought of something is in what they wrote.
        ("why didn't jason argo like the liberals column", "Jason Argo"),
        ("how did dangern feel about the vote", "DangerN"),
        ("does jason argo agree with the author", "Jason Argo"),
    ],
)
def test_a_named_commenter_is_matched_loosely(question: str, author: str) -> None:
    intent = recognise(question, authors=AUTHORS, names=("Canada", "Pompeo"))
    assert (intent.kind, intent.commenter) == (IntentKind.COMMENTER, author)


def test_a_commenter_question_keeps_its_topic() -> None:
    assert (
        recognise("what did mark shore say about waterboarding", authors=AUTHORS).question == "waterboarding"
    )
    assert recognise("what did DangerN say about the assisted dying vote", authors=AUTHORS).question == (
        "assisted dying vote"
    )


def test_a_first_name_two_authors_share_names_both() -> None:
    intent = recognise("what did mark say", authors=AUTHORS)
    assert intent.kind is IntentKind.COMMENTER
    assert intent.commenters == ("Mark Shore", "Mark Farmer")
    assert intent.commenter is None


def test_a_handle_spelled_as_typed_is_the_one_meant() -> None:
    # "r-w" and "R_W" are the same name but for punctuation and case: as typed, one of them.
    assert recognise("what did r-w say", authors=("R_W", "r-w")).commenters == ("r-w",)
    assert recognise("what did rw say", authors=("R_W", "r-w")).commenters == ("R_W", "r-w")


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("whats the second commenters take", 2),
        ("what did the first commenter say", 1),
        ("what did the last commenter say", -1),
        ("comment #3?", 3),
        ("what's the 2nd comment about", 2),
        # Not a position: the comment with the most votes.
        ("what did the most upvoted comment say", 0),
        ("whats the top comment", 0),
    ],
)
def test_a_commenter_by_position(question: str, number: int) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.comment_number, intent.commenters) == (IntentKind.COMMENTER, number, ())


@pytest.mark.parametrize(
    ("question", "kind", "authors"),
    [
        ("what did Pompeo say", IntentKind.FACTUAL, ("Bob Smith",)),
        ("what did pompeo say", IntentKind.FACTUAL, AUTHORS),
        ("what did trump say about waterboarding", IntentKind.FACTUAL, AUTHORS),
        ("what did the liberals say", IntentKind.FACTUAL, AUTHORS),
        ("what did mark shore say", IntentKind.FACTUAL, ()),
        ("what did he say", IntentKind.FACTUAL, AUTHORS),
        ("what did the author say about taxes", IntentKind.AUTHOR_VIEW, AUTHORS),
        ("what do commenters say", IntentKind.READERS_VIEW, AUTHORS),
        ("what did the removed say", IntentKind.FACTUAL, AUTHORS),
    ],
)
def test_only_comment_authors_make_commenter_questions(
    question: str, kind: IntentKind, authors: tuple[str, ...]
) -> None:
    assert kind_of(question, authors=authors) is kind


def test_a_story_name_beats_a_loose_author_match() -> None:
    # "canada" is near the handle "Canada1", but the story speaks of Canada: a question about the country.
    assert kind_of("what did canada say", authors=AUTHORS, names=("Canada",)) is IntentKind.FACTUAL
    assert kind_of("what did canada say", authors=AUTHORS) is IntentKind.COMMENTER


@pytest.mark.parametrize(
    "question",
    [
        "what is the government's position on the pipeline",
        "what did the government say",
        "What did Iran's government say about the letter?",
    ],
)
def test_a_common_noun_after_a_determiner_is_no_first_name(question: str) -> None:
    # "Government Surveillance Acct." is an author, but "the government" is not his first name.
    assert kind_of(question, authors=AUTHORS) is IntentKind.FACTUAL


# -- recency, focus, chat spelling -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "whos spirit merging with now?",
        "whats the latest inflation number",
        "current gas price",
        "is he currently in office",
        "what are rents like these days",
        "is boris johnson still pm",
        "does he work there anymore",
        "how many cases rn",
        "can my kid get the vaccine yet",
        "how many soldiers have died so far",
        "Which automaker recalled 2.9 million vehicles this week?",
        "any news on brittney griner",
        "any updates on the student loans?",
        "whats new with artemis",
    ],
)
def test_questions_about_now_want_the_newest_story(question: str) -> None:
    assert recognise(question).wants_recent is True


@pytest.mark.parametrize(
    "question",
    [
        "who wrote the letter",
        "when did the snow start",
        "what do we know",
        "what is the news",
        # scheduled, not the latest: the story announcing it answers
        "Which popular singer will launch a Las Vegas residency later this year?",
    ],
)
def test_other_questions_do_not(question: str) -> None:
    assert recognise(question).wants_recent is False


def test_focus_is_the_named_entity_and_key_words_without_framing_or_filler() -> None:
    intent = recognise("What did Pompeo say about the Iraqi parliament?")
    assert intent.entities == ("pompeo", "iraqi")
    assert intent.focus == ("pompeo", "iraqi", "parliament")
    lowercase = recognise("wat is pompeo saying abt all this lol", names=("Mike Pompeo", "Iraq"))
    assert (lowercase.focus, lowercase.entities) == (("pompeo",), ("pompeo",))
    assert recognise("how many ppl died in the earthquake rn").focus == ("peopl", "die", "earthquak")
    assert recognise("In which year were the forces sent to Iraq in 2014?").entities == ("iraq", "2014")


def test_the_piece_a_question_names_is_not_its_focus() -> None:
    # The words naming the piece found it; an answer need not repeat them.
    intent = recognise("what's the insider's argument in the liberals column")
    assert intent.focus == ("insid", "argument")
    assert recognise("what poll number does the liberal stumbles piece cite").focus == ("poll",)


def test_focus_of_a_framed_question_is_its_topic() -> None:
    assert recognise("what did mark shore say about waterboarding", authors=AUTHORS).focus == ("waterboard",)
    assert recognise("tldr").focus == ()
    assert recognise("is it true that Seely wrote the letter").entities == ("seeli",)


def test_a_question_after_a_set_up_has_its_own_focus_unless_it_points_back():
    asked = recognise("NASA released stunning images from space this week. What did the images show?")
    assert set(asked.focus) >= {"nasa", "imag", "show"}
    assert (asked.key_focus, asked.key_entities) == (("imag", "show"), ())
    # "it" is the vaccine of the set-up, whose words the answer must hold.
    leaning = recognise("The White House said a new vaccine is coming soon. When will it be available?")
    assert leaning.key_focus == leaning.focus
    assert recognise("what did the images show").key_focus == ("imag", "show")
