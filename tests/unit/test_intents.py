"""Question intents (issue 9): many phrasings per intent, typed the way people type in Discord, and the
near misses that must not be taken for them. Pure functions: no index, no model."""

from __future__ import annotations

import time

import pytest

from retrieval.answer.chat_words import normalise_chat
from retrieval.answer.intents import Intent, IntentKind, recognise
from retrieval.text import terms

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


# -- summary -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "tl;dr",
        "tldr?",
        "TLDR pls",
        "tl dr",
        "summarize this",
        "summarise the article",
        "summary pls",
        "can u summarize it",
        "what's this about",
        "whats this story about",
        "what is this all about",
        "whats the story",
        "what's the deal here",
        "give me the gist",
        "gist?",
        "eli5",
        "explain like im 5",
        "what happened",
        "wtf happened lol",
        "what's going on here",
        "sum it up for me",
        "quick recap?",
        "in a nutshell?",
        "key points?",
        "catch me up",
        "so what happened",
    ],
)
def test_summary_phrasings(question: str) -> None:
    intent = recognise(question)
    assert intent.kind is IntentKind.SUMMARY
    assert intent.question == ""  # the whole story


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("tldr on the mar-a-lago raid", "mar-a-lago raid"),
        ("tldr of the republican fire-breathers column pls", "republican fire-breathers"),
        ("tl;dr on the 'can the liberals hide the stumbles' piece", "can the liberals hide the stumbles"),
        ("what is the pipeline story about", "pipeline"),
        ("summary of the student loan article?", "student loan"),
    ],
)
def test_a_summary_keeps_the_story_it_names(question: str, topic: str) -> None:
    assert recognise(question) == Intent(IntentKind.SUMMARY, topic, focus=tuple(terms(topic)))


@pytest.mark.parametrize(
    "question",
    ["what happened to the helicopters", "what is the capital of australia", "what happened at 3 am"],
)
def test_what_happened_to_something_is_factual(question: str) -> None:
    assert kind_of(question) is IntentKind.FACTUAL


# -- readers' view ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what do people think",
        "what do ppl think",
        "what r ppl saying",
        "wat do ppl in the comments think",
        "reactions?",
        "any reactions",
        "how are people reacting",
        "how is everyone taking it",
        "what's the comment section saying",
        "whats the vibe in the comments",
        "summarize the comments",
        "tldr of the comment section",
        "what are the top comments",
        "are people mad about this",
        "what do the readers feel",
        "commenters' opinion?",
        "how are commenters responding",
        # Liking is a reaction, not a comparison with the article: readers' view (see the module's notes).
        "did readers like it",
    ],
)
def test_readers_view_phrasings(question: str) -> None:
    intent = recognise(question)
    assert intent.kind is IntentKind.READERS_VIEW
    assert intent.question == ""


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what do readers say about taxes", "taxes"),
        ("what do the commenters think of trudeau's govt so far", "trudeau's government so far"),
        ("what are ppl saying about the pipeline lol", "pipeline"),
        ("readers' opinion on the carbon tax?", "carbon tax"),
        ("do ppl agree with trump", "trump"),
        ("public opinion on the merger?", "merger"),
    ],
)
def test_readers_view_keeps_its_topic(question: str, topic: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question) == (IntentKind.READERS_VIEW, topic)


@pytest.mark.parametrize(
    "question",
    [
        "how many people died in the earthquake",
        "what do people in iraq think of the troops",
        "how many ppl were evacuated",
        "who are the people who sued",
    ],
)
def test_people_elsewhere_are_not_the_readers(question: str) -> None:
    assert kind_of(question) is IntentKind.FACTUAL


# -- article against readers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "do readers agree with the article",
        "do commenters agree with the author?",
        "do the comments agree",
        "do readers agree with the fire breathers column?",
        "is the comment section on the author's side",
        "how do the comments compare to the article",
        "do commenters buy that?",
        "the article says the letter is official but the comments say it was a mistake?? which is it",
        "readers vs the author: who is right",
        "do ppl agree with the writer or not",
        "do most commenters disagree with the op-ed",
        "are the comments different from the article",
    ],
)
def test_contrast_phrasings(question: str) -> None:
    assert kind_of(question) is IntentKind.CONTRAST


def test_contrast_keeps_what_is_compared() -> None:
    intent = recognise("the insider says the tories bailed out the auto sector. do commenters buy that?")
    assert intent.kind is IntentKind.CONTRAST
    assert intent.question == "insider says the tories bailed out the auto sector"
    assert recognise("do readers agree with the fire breathers column?").question == "fire breathers"


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
        ("i heard the pm resigned, true?", "the pm resigned"),
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


# -- yes/no and factual ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "did trump threaten sanctions",
        "is boris johnson still pm",
        "r they leaving iraq or not??",
        "are the troops leaving iraq?",
        "can my kid get the vaccine yet",
        "has the rocket launched",
        "will gas prices go down",
        "was the resolution binding",
        "is there a deadline",
        "they leaving or not?",
        "so did they actually leave",
        "do you know if the letter was signed",
        "ok but didnt the pentagon deny it",
        "Was the parliament's resolution binding?",
    ],
)
def test_yes_no_phrasings(question: str) -> None:
    intent = recognise(question)
    assert intent.kind is IntentKind.YES_NO
    assert not intent.question.endswith(("or not", "or not??", "?? "))


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("who wrote the letter lol", "person"),
        ("whos the new pm", "person"),
        ("To whom was the letter sent?", "person"),
        ("which celebrity was found liable", "person"),
        ("when is the launch", "time"),
        ("what time will the flights happen", "time"),
        ("In which year were the forces sent?", "time"),
        ("where r the helicopters gonna fly", "place"),
        ("which country elected a leftist leader", "place"),
        ("Which of the following US cities saw the biggest increase?", "place"),
        ("how many ppl died in the earthquake", "number"),
        ("how much is biden forgiving", "number"),
        ("what % of the vote did trump get", "number"),
        ("how old is he", "number"),
        ("what was the magnitude of the quake", "number"),
        ("why is france running out of mustard", "cause"),
        ("how come gas is so expensive", "cause"),
        ("what caused the crash", "cause"),
        ("how did they take out zawahiri", "manner"),
        ("which airline is buying spirit", "organization"),
        ("Which company’s stock became cheaper?", "organization"),
        ("can you tell me who wrote the letter", "person"),
        ("do you know when the rocket launches", "time"),
        ("what is the capital of australia", None),
        ("hows the economy in new hampshire", None),
        ("Gas prices hit a record. On average, how much does a gallon cost?", "number"),
        ("A survey was done. What percentage of US adults disapprove of Roe v. Wade?", "number"),
    ],
)
def test_factual_answer_types(question: str, answer_type: str | None) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.answer_type) == (IntentKind.FACTUAL, answer_type)


def test_only_factual_questions_have_an_answer_type() -> None:
    assert recognise("did trump threaten sanctions").answer_type is None
    assert recognise("tldr").answer_type is None


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


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("whats the second commenters take", 2),
        ("what did the first commenter say", 1),
        ("what did the last commenter say", -1),
        ("comment #3?", 3),
        ("what's the 2nd comment about", 2),
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


# -- the author's view -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what's the author's point", ""),
        ("whats the authors point in the fire-breathers piece", "fire-breathers"),
        ("what does the columnist think of trudeau", "trudeau"),
        ("what is the writer arguing", ""),
        ("op's take?", ""),
        ("author's opinion on taxes", "taxes"),
        ("does the writer actually like jeb or nah", "jeb"),
        ("is this article biased", ""),
        ("is the column anti trump or just reporting", "trump or just reporting"),
        ("what is the point of this column", ""),
        ("what's the article's angle", ""),
        ("so does the author think the libs are screwing up or not", "liberals are screwing up"),
        ("where does the author stand on the pipeline", "pipeline"),
        ("what does the writer want", ""),
    ],
)
def test_author_view_phrasings(question: str, topic: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question) == (IntentKind.AUTHOR_VIEW, topic)


@pytest.mark.parametrize(
    "question",
    [
        "who is the author of the letter",
        "who wrote the column",
        "what does the author of the letter want",
        "when was the article published",
        "who is the author",
        "what did the letter's author say",
    ],
)
def test_questions_about_who_wrote_something_are_factual(question: str) -> None:
    assert kind_of(question) is IntentKind.FACTUAL


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
    ],
)
def test_questions_about_now_want_the_newest_story(question: str) -> None:
    assert recognise(question).wants_recent is True


@pytest.mark.parametrize("question", ["who wrote the letter", "when did the snow start", "what do we know"])
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


def test_focus_of_a_framed_question_is_its_topic() -> None:
    assert recognise("what did mark shore say about waterboarding", authors=AUTHORS).focus == ("waterboard",)
    assert recognise("tldr").focus == ()
    assert recognise("is it true that Seely wrote the letter").entities == ("seeli",)


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("wat r ppl saying abt the govt rn lol", "what are people saying about the government right now"),
        ("y tho", "why though"),
        ("whos the pm bc idk", "who is the pm because i do not know"),
        ("didn't they say it's fake? I'm sure", "did not they say it is fake? I am sure"),
        ("U.S. troops r in Iraq w/o a plan. lol.", "U.S. troops are in Iraq without a plan."),
        ("R&B and Generation Y stay", "R&B and Generation Y stay"),
        ("tldr pls!!", "tldr"),
        ("is it true theres like 100 million", "is it true there is 100 million"),
        ("what do u think of the libs n dems", "what do you think of the liberals and democrats"),
    ],
)
def test_chat_spelling_is_spelled_out(typed: str, spelled: str) -> None:
    assert normalise_chat(typed) == spelled


def test_filler_can_be_kept() -> None:
    assert normalise_chat("ppl lol", drop_filler=False) == "people lol"


def test_recognising_takes_well_under_a_millisecond() -> None:
    authors = tuple(f"Reader{i} Name{i}" for i in range(150)) + AUTHORS
    questions = [
        "what did mark shor say about the vote",
        "According to a recent survey, what percentage of US adults disapprove of the Supreme Court’s "
        "decision to overturn Roe v. Wade?",
        "someone in the comments says the 82nd airborne just got sent to iraq, is that true",
        "do readers agree with the fire breathers article?",
        "whats the authors point in the fire-breathers piece",
        "how many ppl died in the afganistan earthquake",
    ] * 20
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for question in questions:
            recognise(question, authors=authors)
        best = min(best, (time.perf_counter() - start) / len(questions))
    assert best < 0.001


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
    ],
)
def test_hearsay_and_a_check_after_the_claim(question: str, claim: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question) == (IntentKind.CLAIM_CHECK, claim)


@pytest.mark.parametrize(
    "question",
    [
        "the letter was a draft right?",
        "they're leaving, right?",
        "so the troops are staying?",
        "trump threatened sanctions??",
        "hold on, did they actually leave?",
        "if they leave, will iraq be safer",
    ],
)
def test_statements_asked_back_are_yes_no(question: str) -> None:
    assert kind_of(question) is IntentKind.YES_NO


@pytest.mark.parametrize("question", ["any updates?", "news about the strike?", "opinions from experts?"])
def test_a_noun_phrase_with_a_question_mark_is_factual(question: str) -> None:
    assert kind_of(question) is IntentKind.FACTUAL


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
