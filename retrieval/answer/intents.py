"""What a question asks for, recognised before retrieval: a pure, fast function of the question text.

``recognise("tldr?")`` is a SUMMARY; ``recognise("what do ppl think of the govt")`` a READERS_VIEW about
"government"; ``recognise("is it true that X")`` a CLAIM_CHECK of "X". Every rule matches a family
of phrasings (typed the way people type in Discord: lowercase, chat spelling, no question mark), never
one question. The checks run from the most specific intent to the least: a named commenter, article
against readers, a claim check, the readers' view, the author's view, a summary, yes/no, factual.

Decisions worth knowing:
- "do readers agree with the article", "do commenters buy that", "article says X but comments say Y"
  and "how do comments compare to the article" are CONTRAST; "do ppl agree with trump" (agreement with
  anyone but the article) and "did readers like it" are READERS_VIEW: a reaction, not a comparison.
- Only a comment author makes a COMMENTER question: "what did pompeo say" with no author like "pompeo"
  is FACTUAL (a person the article quotes). "the second commenter" is a COMMENTER question by position.
- "did X really ..." and "is X legit / true / fake" are claim checks; "did X actually ..." stays a plain
  yes/no question, as does any yes/no question with no claim in it.
- ``question`` is empty when the framing is all there is ("tldr?", "what do people think"): the whole
  story is meant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache, partial

from retrieval.answer.chat_words import normalise_chat
from retrieval.text import STOPWORDS, key_terms, normalise, terms


class IntentKind(StrEnum):
    FACTUAL = "factual"
    YES_NO = "yes_no"
    CLAIM_CHECK = "claim_check"
    SUMMARY = "summary"
    READERS_VIEW = "readers_view"
    CONTRAST = "contrast"
    COMMENTER = "commenter"
    AUTHOR_VIEW = "author_view"


@dataclass(frozen=True)
class Intent:
    """A recognised question.

    ``question``: the question with its framing removed, for retrieval ("is it true that X" -> "X";
    "what did Bob say about taxes" -> "taxes"), chat spelling spelled out; empty when only framing.
    ``focus``: what an answer must be about, as ``retrieval.text.terms`` spells it (stems); ``entities``
    the part of it that names something (capitalised words, years, known names), the stricter test.
    ``answer_type``: what a FACTUAL question asks for: "person", "organization", "time", "place",
    "number", "cause" or "manner"; None when it cannot be told.
    ``commenters``: the comment authors a COMMENTER question names (two when a first name fits two);
    ``comment_number``: the commenter by position ("the second commenter" -> 2, "the last" -> -1).
    ``wants_recent``: the question asks about now ("now", "latest", "still", "so far", "this week").
    """

    kind: IntentKind
    question: str
    focus: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    answer_type: str | None = None
    commenters: tuple[str, ...] = ()
    comment_number: int | None = None
    wants_recent: bool = False

    @property
    def commenter(self) -> str | None:
        """The one comment author the question names; None when it names none, or a name fits two."""
        return self.commenters[0] if len(self.commenters) == 1 else None


# -- shared vocabulary ---------------------------------------------------------------------------------

# Who the readers are in a question: commenters, the comment section, or people in general ("what do
# people think"), but not people somewhere else ("people in iraq", "people who died").
_READERS = (
    r"(?:readers?|commenters?|commentators?|commenting|posters|the comments?|comments|comment section|"
    r"comments section|the thread|replies|(?:(?:most |other |many )?(?:people|everyone|everybody|folks|"
    r"others|the public))(?: (?:in|on) (?:the )?(?:comments?|comment section|thread|replies|here|chat))?"
    r"(?! (?:in|from|of|at|on|living|who|that|with|died|killed)\b))"
)
# The story itself, and its author (not "the author of the letter", a person the story is about).
_ARTICLE = r"(?:article|story|piece|column|op-?ed|editorial|report|post)(?:'s|s')?"
_AUTHOR = (
    r"(?<!comment )(?:author|writer|columnist|journalist|reporter|op(?!-)|editorial board|editors?)"
    r"(?:'s|s'|s)?(?! of (?:the |this |that |a )?(?!article|story|piece|column|op-?ed|editorial)\w)"
)
_STORY_SIDE = rf"(?:{_ARTICLE}|{_AUTHOR})"
_AUX = r"(?:is|are|was|were|am|do|does|did|will|would|can|could|has|have|had|should|shall|may|might|must)"
# Words that open a chat message without changing what it asks ("so", "ok so", "wait").
_OPENERS = re.compile(r"^(?:(?:so|and|but|also|ok|okay|wait|then|hey|um|well|btw|quick question),?\s+)+")
# "... or not", "... or no", "yes or no": a yes/no question whatever its first word.
_OR_NOT = re.compile(r",?\s*(?:or not|or no|yes or no|y/n)\s*[?!.]*\s*$")

# -- commenters ----------------------------------------------------------------------------------------

_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
    "last": -1,
    "latest": -1,
}
# A commenter by position: "the second commenter", "the last comment", "comment #3", "commenter 2".
_NTH_COMMENT = re.compile(
    r"\b(?P<ord>" + "|".join(_ORDINALS) + r") (?:comment(?:er)?|reply|poster|person to comment)s?\b"
    r"|\bcomment(?:er)? (?:#|no\.? ?|number )?(?P<num>\d{1,3})\b"
)
_SPEECH = (
    r"(?:say|said|saying|says|write|wrote|writing|post|posted|posting|comment|commented|commenting|"
    r"think|thinks|mean|meant|argue|argued|arguing|reply|replied|respond|responded|complain|complained|"
    r"complaining|claim|claimed|claiming|talk|talking|rant|ranting|have to say|got to say)"
)
# Where a question puts a speaker's name: "what did NAME say", "did NAME comment on", "NAME's take",
# "comments by NAME", "@NAME". The name is then matched against the story's comment authors.
_NAMED_SPEAKER = (
    re.compile(
        rf"\b(?:what|how|why) (?:did|does|do|has|have|is|was|were|are) (?P<name>[^,;?!]{{2,60}}?) "
        rf"{_SPEECH}\b(?P<rest>.*)"
    ),
    re.compile(rf"^(?:did|does|has|have) (?P<name>[^,;?!]{{2,60}}?) {_SPEECH}\b(?P<rest>.*)"),
    # "NAME's take": the name is the words before the noun (found from the noun: a name-first pattern
    # would backtrack over every word of a long question).
    re.compile(
        r"(?:'s|s')? (?:\w+ )?(?:comments?|posts?|take|point|argument|opinion|views?|problem|issue|beef|"
        r"complaint|replies|reply|response|gist|position|thoughts|stance)\b(?P<rest>.*)"
    ),
    re.compile(r"\b(?:comments?|posts?|replies|reply) (?:by|from) (?P<name>(?:[@\w.-]+ ?){1,4})(?P<rest>.*)"),
    re.compile(r"@(?P<name>[\w.-]+)(?P<rest>.*)"),
)
_DETERMINERS = frozenset("the a an this that these those his her their its my our your".split())
# Who a speaker can be without being a comment author: pronouns and the roles other intents cover.
_NOT_NAMES = frozenset(
    "people readers reader commenters commenter commentators everyone everybody folks others they he she "
    "it you we i him her them someone somebody anyone author writer columnist journalist reporter op "
    "article story piece column comments comment thread main whole".split()
)

# -- article against readers ---------------------------------------------------------------------------

_AGREE = (
    r"(?:agree|agrees|agreed|agreeing|disagree|disagrees|disagreed|side with|siding with|"
    r"on (?:the )?(?:[\w-]+(?:'s|s')? )?side|buy|buying|accept|accepts|believe|believes|trust|trusts|back|"
    r"backs|support|supports|push back|pushing back|go along|on board|convinced|persuaded|share|shares)"
)
# Readers (asked about as a group) agreeing or not, with the article, with something else, or with "that".
_READERS_AGREE = re.compile(
    rf"\b(?:{_AUX}|how many)(?: not)?(?: the| most| many| any| all| some| other)? {_READERS}"
    rf"(?: \w+){{0,2}}? {_AGREE}\b(?P<target>[^?.!;]*)"
)
# What readers agree with is the story when it names it ("the fire breathers article") or points back
# at it ("that", "it", "him").
_AGREE_TARGET_IS_STORY = re.compile(
    rf"\b{_STORY_SIDE}\b|^\W*(?:with |in )?(?:it|that|this|him|her|them|his|the "
    r"argument|the point|the claim|the view)?\W*(?:or not|or no)?\W*$"
)
_COMPARE = re.compile(
    r"\b(?:compare|compared|comparison|versus|vs\.?|differ|differs|different|difference|"
    r"contrast|line up|match|same view|same page|consistent)\b"
)
_STORY_SPEAKS = re.compile(
    rf"\b{_STORY_SIDE} (?:\w+ )?(?:says?|said|claims?|argues?|thinks?|reports?|writes?|"
    r"calls?|is saying|suggests?)\b"
)
_READERS_SPEAK = re.compile(
    rf"\b{_READERS} (?:\w+ )?(?:says?|said|claim|think|are saying|argue|reckon|call|"
    r"suggest)\b"
)
_WHICH_IS_RIGHT = re.compile(
    r"\b(?:which is it|which one is (?:it|right|true)|who is right|who is correct|"
    r"who is telling the truth)\b"
)
_READERS_ANY = re.compile(rf"\b{_READERS}\b")
_STORY_ANY = re.compile(rf"\b(?:the |this |that )?{_STORY_SIDE}\b")

# -- claim checks --------------------------------------------------------------------------------------

# Phrases before the single words they start with ("fake news" before "fake").
_VERDICT = (
    r"(?:fake news|for real|a fact|a lie|made up|the case|a rumou?r|a hoax|true|legit|legitimate|real|"
    r"accurate|correct|right|confirmed|verified|factual|fake|false|bs|bullshit|cap|misinformation|disinformation|"
    r"authentic|genuine)"
)
# "is it true (that) X", "is that true", "is this claim legit", "was that fake".
_IS_IT_TRUE = re.compile(
    rf"\b(?:is|was|are|were) (?:it|this|that|these|those|the claim|that claim|this claim|this story|"
    rf"that story)(?: \w+)? (?:really |actually |even )?{_VERDICT}\b(?: or (?:not|{_VERDICT})\b)?,?"
    r"(?: that)?\s*(?P<claim>[^?]*)"
)
# A bare doubt: "really?", "source?", "fact check", "proof?", "is that so", "no way".
_DOUBT = re.compile(
    r"^\W*(?:really|for real|seriously|is that so|no way|source|sources|citation(?: needed)?|proof|"
    r"evidence|receipts|fact check|true|legit)\W*$"
    r"|\b(?:any|got a|what is the|where is the|need a|need) (?:source|sources|proof|evidence|citation)\b"
    r"|\b(?:source|sources|proof|evidence|citation) (?:for|on) (?:that|this|it)\b"
    r"|\bwhere (?:does it|did you|did they) (?:say|get) (?:that|this)\b"
)
_FACT_CHECK = re.compile(r"\bfact[- ]?check(?:ing)?\b\W*(?:on |of |this |that |:)*\s*(?P<claim>[^?]*)")
# "did X really Y", "is X really Y": doubt about something the asker has heard.
_REALLY = re.compile(rf"^(?P<aux>{_AUX}) (?P<subject>.+?) (?:really|truly) (?P<rest>.+)")
# "is/was X legit / accurate / fake" with the verdict ending the clause.
_X_IS_VERDICT = re.compile(
    rf"^(?P<aux>is|was|are|were) (?P<claim>.+?) (?:really |actually |even )?(?P<verdict>{_VERDICT})"
    r"\s*(?:[?!.,]|$)"
)
# Something reported, then checked: "someone says X, is that true", "my uncle says X. did he mess up?",
# "i heard X". The speaker is anyone ("a commenter", "trump", "people"); the check is a yes/no question.
_REPORTED = re.compile(
    rf"(?:^|[.,;!?]\s*|\b(?:and|but|so) )(?!(?:{_AUX}|what|who|whom|when|where|why|how|which)\b)"
    r"(?:(?:i|we) (?:heard|read|saw)|(?:[\w'@.-]+ ){0,5}?"
    r"(?:says?|said|claims?|claimed|posted|wrote|mentioned|reckons?|are saying|is saying|keep saying|"
    r"keeps saying|told me|tells me))(?: that)? (?P<claim>[^?.;!]{8,}?)(?=\s*(?:[?.;!]|, (?:is|was|are|did|"
    r"does|do|can|has|true|really|legit|right)\b|$))"
)
# Second-hand word: "i heard", "someone said", "my uncle says", "people are saying", "apparently".
_HEARSAY = re.compile(
    r"\b(?:i|we) (?:heard|read|saw)\b|\bsaw (?:that|this|it) (?:in|on)\b|\bapparently\b|\brumou?rs?\b|"
    r"\b(?:someone|somebody|people|everyone|a (?:reader|commenter|friend|guy)|my \w+|they)"
    r"(?: in the comments)?(?: are| is| keeps?)? "
    r"(?:says?|said|saying|claims?|claimed|claiming|told me|tells me)\b"
)
_YES_NO_START = re.compile(rf"^(?:{_AUX})(?: not)?\b")
# A trailing check on the claim before it: ", is that true", "did he mess up?".
_TRAILING_CHECK = re.compile(r"[,.;]?\s*(?:is|was) (?:that|it|this) \w*\s*$")
# Discourse words at a claim's edges: "so", "that" before it, "though", "right", "or what" after it.
_CLAIM_EDGES = re.compile(
    r"^(?:(?:so|and|but|that|like|or)\b\W*)+|(?:\W*\b(?:though|then|really|anyway|anyways|"
    r"honestly|right|or what|or)\b)+\W*$",
    re.IGNORECASE,
)

# -- readers' view -------------------------------------------------------------------------------------

_READERS_VIEW = (
    # "what do people think", "how are commenters reacting", "what is the comment section saying".
    re.compile(
        rf"\b(?:what|how)(?: else)? (?:do|does|did|are|is|were|was|would)(?: the| most| other| all)? "
        rf"{_READERS} (?:\w+ )?(?:think|thinking|thought|say|saying|said|feel|feeling|felt|make of|reacting|"
        r"react|reacted|responding|respond|responded|take|taking|like|want|believe|argue|arguing|talk about|"
        r"talking about|discuss|discussing|complain about|complaining about|commenting|say about|mad about)\b"
    ),
    # "readers' opinion on X", "comment section reactions", "people's take".
    re.compile(
        rf"\b{_READERS}(?:'s|s'|')? (?:general |overall |main )?(?:opinions?|views?|thoughts|take|takes|"
        r"reactions?|responses?|sentiment|mood|consensus|vibes?|verdict|positions?|stance|feelings?|"
        r"arguments?)\b"
    ),
    # "the vibe in the comments", "the mood among readers".
    re.compile(
        rf"\b(?:vibes?|mood|sentiment|consensus|reactions?|opinions?|takes?|feeling) (?:in|of|among|from|on) "
        rf"(?:the )?{_READERS}"
    ),
    # "reactions?", "any hot takes", "public opinion", "vibe check".
    re.compile(
        r"^\W*(?:any |the |what is the |what are the )?(?:reactions?|thoughts|opinions|hot takes|comments|"
        r"public opinion|general consensus|consensus|vibe check|vibes?|mood|the comments|what about the "
        r"comments)(?: (?:on|about) (?:this|it|that))?\W*$"
    ),
    re.compile(
        r"\b(?:public|reader|readers'?|commenter|commenters'?|crowd) (?:opinion|reaction|reactions|"
        r"sentiment|response|consensus)\b|\bhow (?:is|was) (?:this|it|the \w+) (?:being )?(?:received|"
        r"taken)\b"
    ),
    # A summary of the readers: "tldr of the comments", "summarize the comment section".
    re.compile(
        rf"\b(?:summar\w+|tl;?dr|gist|recap|overview|sum up)(?: of| on| for)? (?:the |all )?{_READERS}\b"
    ),
    # "did readers like it", "are people mad", "what are the top comments".
    re.compile(
        rf"^(?:{_AUX})(?: not)?(?: the| most| many| any)? {_READERS} (?:\w+ )?(?:like|love|hate|enjoy|"
        r"approve|dislike|mad|angry|happy|upset|divided|split|supportive|critical|outraged|care|negative|"
        r"positive|hostile|favou?rable)\b"
    ),
    re.compile(
        r"\b(?:top|best|most (?:upvoted|liked|popular)|popular|main|most common) (?:comments?|replies|"
        r"reactions?|takes?)\b"
    ),
)

# -- the author's view ---------------------------------------------------------------------------------

_STANCE_NOUNS = (
    r"(?:point|thesis|argument|take|opinion|views?|stance|position|angle|bias|agenda|conclusion|message|"
    r"problem with|issue with|beef with|thoughts?|feelings?|side|main idea|big idea)"
)
_STANCE_VERBS = (
    r"(?:think|thinks|thought|believe|believes|feel|feels|want|wants|argue|argues|arguing|say|says|saying|"
    r"suggest|suggests|suggesting|propose|proposes|recommend|recommends|like|likes|dislike|dislikes|hate|"
    r"hates|love|loves|support|supports|oppose|opposes|blame|blames|mean|means|trying to say|getting at|"
    r"criticize|criticizes|criticise|criticises|prefer|prefers|favou?r|favou?rs|agree|agrees|disagree|"
    r"disagrees|stand|stands|make of|care about|worried about|advocate|advocating|pushing)"
)
_AUTHOR_VIEW = (
    # "what's the author's point", "op's take on X", "the columnist's opinion".
    re.compile(rf"\b(?:the |this |that )?{_AUTHOR} (?:\w+ )?{_STANCE_NOUNS}\b"),
    # "what does the columnist think of X", "does the writer actually like jeb", "what is the writer arguing".
    re.compile(
        rf"\b(?:{_AUX}|what|how|why) (?:the |this |that )?{_AUTHOR} (?:actually |really |even |personally "
        rf"|just |also |genuinely |seem to |seems to )?{_STANCE_VERBS}\b"
    ),
    re.compile(
        rf"\b(?:the |this |that )?{_AUTHOR} (?:\w+ )?{_STANCE_VERBS}\b(?=.*\?|.*\b(?:or not|or no)\b)"
    ),
    # "is this article anti trump or just reporting", "is the column biased".
    re.compile(
        rf"^(?:is|was|are) (?:the |this |that )?{_STORY_SIDE} (?:\w+ ){{0,2}}?(?:biased|bias|anti|pro|"
        r"partisan|slanted|one-sided|fair|neutral|objective|balanced|leftist|right-wing|left-wing|an "
        r"opinion|opinion|propaganda|just reporting|sarcastic|satire|a hit piece|for|against|on)\b"
    ),
    # "what is the column arguing", "the article's thesis", "the point of this piece".
    re.compile(
        rf"\b(?:the |this |that )?{_ARTICLE} (?:\w+ )?(?:arguing|argues|argue|trying to say|getting at|"
        rf"advocating|pushing|stance|position|angle|bias|agenda|thesis|argument|take|main point|point)\b"
    ),
    re.compile(
        r"\b(?:point|thesis|argument|message|main idea|takeaway) (?:of|in|behind) (?:the |this |that )"
        r"(?:article|piece|column|op-?ed|editorial)\b"
    ),
)

# -- summaries -----------------------------------------------------------------------------------------

_SUMMARY = (
    re.compile(
        r"\btl\s*;?\s*dr\b|\btldr\b|\bsummar(?:y|ize|ise|ized|ised|izing|ising|ies)\b|\bsum (?:it |this "
        r"|that |the \w+ )?up\b|\brecap\b|\bgist\b|\bexplain like i am (?:five|5)\b|\boverview\b|\bin a "
        r"nutshell\b|\bcliff ?s? ?notes\b|\b(?:key|main) (?:points|takeaways|facts)\b|\btakeaways\b|"
        r"\b(?:short|quick|brief) version\b|\bbreak (?:it|this) down\b|\bcatch me up\b|\bbrief me\b|"
        r"\bfill me in\b"
    ),
    # "what's this about", "what is the mar-a-lago story about", "what's this all about".
    re.compile(
        r"\bwhat is (?:this|it|that|the (?:story|article|piece|column|news|post|thread)|this (?:story|"
        r"article|piece|column|news|post|thread))(?: [\w'-]+){0,4}? about\W*$"
    ),
    re.compile(
        r"\bwhat is (?:the|this) (?P<topic>(?:[\w'-]+ ){0,3}?)(?:story|article|piece|column|news|post|"
        r"thread) about\b"
    ),
    # "whats the story", "what's the deal here", "what's the story with the raid".
    re.compile(r"\bwhat (?:is|was) the (?:story|deal|situation|news)(?: here| there)?(?= with\b|\W*$)"),
    # "what happened", "what's going on here": with nothing after, the story as a whole.
    re.compile(
        r"^(?:what|what the hell|what exactly) (?:happened|is happening|is going on|went down|is up)"
        r"(?: here| there| today| in (?:this|the) (?:story|article|piece))?\W*$"
    ),
    re.compile(
        r"^(?:explain|summari[sz]e) (?:this|it|the (?:story|article|piece|column|news))\b|^what is this\W*$"
    ),
)

# -- factual answer types ------------------------------------------------------------------------------

_WH = re.compile(r"\b(?:how|what|which|who|whom|whose|when|where|why)\b")
# What makes a sentence a question: a question word, or an auxiliary opening it.
_ASKS = re.compile(rf"\b(?:how|what|which|who|whom|whose|when|where|why)\b|^\s*{_AUX}\b")
_HOW_TYPES = (
    (
        re.compile(r"how (?:many|much|old|far|big|large|long|tall|fast|high|often|deep|heavy|wide)\b"),
        "number",
    ),
    (re.compile(r"how soon\b"), "time"),
    (re.compile(r"how come\b"), "cause"),
    # "how did they take out X", "how do i apply": the way something is done.
    (
        re.compile(
            rf"how (?:exactly )?(?:did|do|does|can|could|will|would|should|to|{_AUX} \w+ (?:\w+ed|\w+en)\b)"
        ),
        "manner",
    ),
)
_WHO = re.compile(r"(?:who|whom|whose)\b")
_WHEN = re.compile(r"(?:when|since when|by when|until when)\b")
_WHERE = re.compile(r"where\b")
_WHY = re.compile(r"why\b")
# After "what/which": a copula and article to skip ("what was the magnitude"), then the head noun.
_WHAT_HEAD = re.compile(
    r"(?:what|which)(?: (?:is|are|was|were))?(?: (?:the|a|an|his|her|their|its))?"
    r"(?: of the following)?(?P<head>(?: [\w%'-]+){1,4})"
)
_WHAT_CAUSE = re.compile(
    r"what (?:caused|causes|cause|prompted|led to|triggered|motivated|made|is the reason|"
    r"was the reason|were the reasons|reason)\b"
)
_HEAD_TYPES = {
    "person": "person man woman official president leader player star celebrity actor actress singer "
    "politician senator general minister member name names commenter reporter candidate rapper athlete "
    "quarterback coach ceo founder judge king queen prince princess people personality host head",
    "organization": "company companies team teams airline airlines automaker automakers group groups "
    "organization organisation party agency network retailer chain brand bank school university club "
    "firm maker manufacturer department court union carrier startup business",
    "place": "country countries state states city cities place town region continent area location county "
    "province island nation nations part address park venue site street neighborhood neighbourhood",
    "time": "time year years date day days month months week weeks hour season decade century",
    "number": "percentage percent % number amount price cost rate magnitude age total sum share score "
    "figure count temperature distance margin size population salary fine speed average",
}
_HEAD_TYPE = {word: kind for kind, heads in _HEAD_TYPES.items() for word in heads.split()}
# A verb or preposition ends the head noun phrase of "which wildly popular show was ...".
_HEAD_STOP = frozenset(
    "is are was were did does do has have had will can could would of in to for on at by".split()
)

# -- recency, focus and question cleaning --------------------------------------------------------------

_RECENT = re.compile(
    r"\b(?:now|right now|latest|current|currently|these days|nowadays|still|anymore|any more|yet|so far|"
    r"as of (?:now|today|this week)|today|at the moment|most recent|recently|newest|up to date|"
    r"this (?:week|month|year)|at this point)\b"
)
# Words that frame a question or hedge it but name nothing an answer must contain.
_FRAMING_WORDS = frozenset(
    terms(
        "think thinks say mean happen happened happening go going get got actually really even exactly know "
        "tell explain want thing things stuff guy guys kind sort something anything everything someone "
        "anyone saying many much way like please thanks right well first place else besides"
    )
)
_LEAD_JUNK = frozenset(
    "what how who which why when where does do did main can could would will you give me tell show quick "
    "short brief summarize summarise explain describe of on about regarding re with in for to towards toward "
    "over the this that these those a an its it is are was were so and but or then also just us here there "
    "whole entire all like think said say".split()
)
_TRAIL_JUNK = frozenset(
    "article story piece column op-ed oped editorial post thread one it this that so then here there though "
    "the a an of on in about with to for and but or is are was at all anyway anyways guys now".split()
)
_EDGE_PUNCT = " \t\n\"'“”‘’.,;:!?()[]-–—*_"
_QUOTES = "\"'“”‘’"
_CLAUSE_END = re.compile(r"[?!.]+(?=\s|$)")
_CITATION = re.compile(r"\[\d+\]")
_ATTRIBUTION = re.compile(r"^.{0,80}?\b(?:claims?|reports?|says?|writes?|wrote|said):\s*", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“]([^\"“”]{12,})[\"”]")


def recognise(
    question: str, *, context: str = "", authors: Collection[str] = (), names: Collection[str] = ()
) -> Intent:
    """What ``question`` asks for.

    ``context``: the thread so far (earlier questions and answers), where "is that true?" finds its claim.
    ``authors``: the story's comment authors, for "what did NAME say" (most active first: a first name
    that fits several lists them in that order). ``names``: proper names the story uses ("Pompeo"), so a
    lowercase "pompeo" still counts as a name in ``entities``, and a loose author match that is really a
    name from the story ("canada" against the handle "Canada1") stays a factual question.
    """
    text = normalise_chat(question)
    if opener := _OPENERS.match(text.lower()):
        text = text[opener.end() :]
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowercased; keep offsets aligned
        text = low
    wants_recent = bool(_RECENT.search(low))
    start, end = _question_span(low)
    sentence = _OPENERS.sub("", low[start:end].strip())

    intent = partial(_intent, text=text, names=names, wants_recent=wants_recent)

    if found := _commenter(question, text, low, authors, names):
        topic, commenters, number = found
        return intent(IntentKind.COMMENTER, topic, commenters=commenters, comment_number=number)
    if contrast := _contrast(text, low):
        return intent(*contrast)
    if (claim := _claim(text, low, sentence, context)) is not None:
        return intent(IntentKind.CLAIM_CHECK, claim)
    for kind, patterns in (
        (IntentKind.READERS_VIEW, _READERS_VIEW),
        (IntentKind.AUTHOR_VIEW, _AUTHOR_VIEW),
        (IntentKind.SUMMARY, _SUMMARY),
    ):
        if match := _first_match(patterns, low):
            if (
                "topic" in match.re.groupindex
            ):  # the topic sits inside the framing: "what is the X story about"
                return intent(kind, _topic(text[match.start("topic") : match.end("topic")]))
            return intent(kind, _topic(_without(text, [match.span()])))
    asked = _OR_NOT.sub("", text).strip(" \t\n,;")
    if _is_yes_no(sentence, low):
        return intent(IntentKind.YES_NO, asked)
    return intent(IntentKind.FACTUAL, asked, answer_type=_answer_type(sentence))


def _question_span(low: str) -> tuple[int, int]:
    """The question sentence: the first one that ends in "?" (a news quiz puts context before it), reaching
    back over an abbreviation's stop ("Roe v. Wade?") to its question word; the whole text when no
    sentence ends in "?"."""
    starts = [0]
    for end_mark in _CLAUSE_END.finditer(low):
        if "?" in end_mark.group(0):
            first = len(starts) - 1
            while (
                first > 0
                and len(starts) - first < 3
                and not _ASKS.search(low[starts[first] : end_mark.end()])
            ):
                first -= 1
            return starts[first], end_mark.end()
        starts.append(end_mark.end())
    return 0, len(low)


def _first_match(patterns: tuple[re.Pattern[str], ...], low: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.search(low))), None)


# -- named commenters ----------------------------------------------------------------------------------


def _commenter(
    raw: str, text: str, low: str, authors: Collection[str], names: Collection[str]
) -> tuple[str, tuple[str, ...], int | None] | None:
    """(topic, matching authors, position) when the question asks what a comment author said."""
    if nth := _NTH_COMMENT.search(low):
        number = _ORDINALS[nth.group("ord")] if nth.group("ord") else int(nth.group("num"))
        rest = text[nth.end() :]
        about = re.match(r"\W*(?:'s|s')?\s*(?:\w+ )?(?:about|on|regarding)\b", rest)
        return (_topic(rest) if about else ""), (), number
    if not authors:
        return None
    known = frozenset(_fold(n) for n in names)
    # Names as typed first: chat spelling can eat part of a handle ("r w" is not "are w").
    for source in dict.fromkeys((normalise(raw).lower().strip(), low)):
        for pattern in _NAMED_SPEAKER:
            for match in pattern.finditer(source):
                span = match.group("name") if "name" in pattern.groupindex else source[: match.start()]
                if found := _match_authors(span, tuple(authors), known):
                    return _topic(normalise_chat(match.group("rest"))), found, None
    return None


def _fold(name: str) -> str:
    """A name as compared: no accents, case, possessive, punctuation, underscores or leading "the"."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = re.sub(r"['’]s\b", "", name)
    name = " ".join(re.findall(r"[a-z0-9]+", name))
    return name.removeprefix("the ")


@dataclass(frozen=True)
class _Author:
    name: str
    tokens: tuple[str, ...]
    squashed: str  # "dangern", "jasonargo"
    bare: str  # without trailing digits: "Jimbo5" is "jimbo" to a person typing it


@lru_cache(maxsize=64)
def _authors_by_letter(authors: tuple[str, ...]) -> dict[str, tuple[_Author, ...]]:
    """The authors under each letter a typed name of theirs can start with: the first letter of the
    name and of its surname (every match below keeps the first letter, typos included)."""
    index: dict[str, list[_Author]] = {}
    for name in authors:
        folded = _fold(name)
        if folded and folded not in ("removed", "deleted"):
            squashed = folded.replace(" ", "")
            author = _Author(name, tuple(folded.split()), squashed, squashed.rstrip("0123456789"))
            for letter in dict.fromkeys((squashed[0], author.tokens[-1][0])):
                index.setdefault(letter, []).append(author)
    return {letter: tuple(group) for letter, group in index.items()}


def _name_candidates(span: str) -> Iterator[list[tuple[str, bool]]]:
    """Word runs of a name span by length, longest first ("the guy mark shore" yields "mark shore" among
    its pairs), each with whether a determiner opens it or comes before it ("the government", "iran's
    government": no first name)."""
    words = span.strip().split()[-6:]
    for size in range(min(len(words), 4), 0, -1):
        yield [
            (" ".join(words[i : i + size]), (i > 0 and _determiner(words[i - 1])) or words[i] in _DETERMINERS)
            for i in range(len(words) - size + 1)
        ]


def _determiner(word: str) -> bool:
    """ "the", "his", or a possessive ("iran's government")."""
    return word in _DETERMINERS or word.endswith(("'s", "s'"))


def _match_authors(span: str, authors: tuple[str, ...], known_names: frozenset[str]) -> tuple[str, ...]:
    """The comment authors a name span refers to: the best loose match of its longest matching word run
    ("mark shor" before "mark"), with all authors tied for it."""
    index = _authors_by_letter(authors)
    for candidates in _name_candidates(span):
        best, found = 0.0, []
        for candidate, determined in candidates:
            folded = _fold(candidate)
            if not folded or folded in _NOT_NAMES or folded in STOPWORDS:
                continue
            for author in index.get(folded[0], ()):
                score = _name_score(folded, author)
                # Only a whole name can follow "the": "the government" is not "Government Surveillance".
                if determined and score < 1.0:
                    continue
                # A loose match on a name the story itself uses ("canada" vs "Canada1") is that name.
                if score < 1.0 and folded in known_names:
                    continue
                if score > best:
                    best, found = score, [author.name]
                elif score == best and score > 0 and author.name not in found:
                    found.append(author.name)
        if found:
            return tuple(found)
    return ()


def _name_score(folded: str, author: _Author) -> float:
    """How well a typed name fits an author: 1 exact (case, spaces and underscores aside), 0.98 without
    the handle's trailing digits, 0.95 a first name, 0.9 a surname, below that a near spelling (typos) of
    at least five letters."""
    squashed = folded.replace(" ", "")
    if squashed == author.squashed and len(squashed) >= 2:
        return 1.0
    if squashed == author.bare and len(squashed) >= 3:
        return 0.98
    single = " " not in folded
    if single and len(author.tokens) > 1 and len(squashed) >= 3:
        if squashed == author.tokens[0]:
            return 0.95
        if squashed == author.tokens[-1] and len(squashed) >= 4:
            return 0.9
    if len(squashed) < 5:
        return 0.0
    targets = [author.squashed, author.bare]
    if single and len(author.tokens) > 1 and len(author.tokens[0]) >= 5:
        targets.append(author.tokens[0])
    ratio = max(_similarity(squashed, target) for target in targets)
    return 0.85 * ratio if ratio >= 0.85 else 0.0


def _similarity(a: str, b: str) -> float:
    # Typos spare a name's first letter, and lengths bound the ratio: both rule out most authors before
    # difflib's comparison, which costs far more than the rest of recognising a question.
    if not b or a[0] != b[0] or 2 * min(len(a), len(b)) < 0.85 * (len(a) + len(b)):
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= 0.85 else 0.0


# -- article against readers ---------------------------------------------------------------------------


def _contrast(text: str, low: str) -> tuple[IntentKind, str] | None:
    """CONTRAST when readers are set against the article; READERS_VIEW when readers agree with someone
    else ("do people agree with trump"); None when neither."""
    if agree := _READERS_AGREE.search(low):
        target = agree.span("target")
        if not _AGREE_TARGET_IS_STORY.search(agree.group("target")):
            return IntentKind.READERS_VIEW, _topic(text[slice(*target)])
        # "the insider says X. do commenters buy that?": X is what readers and article differ on.
        story_words = [m.span() for m in _STORY_ANY.finditer(low)]
        return IntentKind.CONTRAST, _topic(_without(text, [(agree.start(), target[0]), *story_words]))
    both = _READERS_ANY.search(low) and _STORY_ANY.search(low)
    if (both and (_COMPARE.search(low) or _WHICH_IS_RIGHT.search(low))) or (
        _STORY_SPEAKS.search(low) and _READERS_SPEAK.search(low)
    ):
        # What is left once both sides and the comparison are gone is what they differ about.
        framing = (_READERS_SPEAK, _STORY_SPEAKS, _READERS_ANY, _STORY_ANY, _COMPARE, _WHICH_IS_RIGHT)
        return IntentKind.CONTRAST, _topic(
            _without(text, [m.span() for f in framing for m in f.finditer(low)])
        )
    return None


# -- claim checks --------------------------------------------------------------------------------------


def _claim(text: str, low: str, sentence: str, context: str) -> str | None:
    """The claim to check when the question is a claim check ("" when it names none), else None."""
    if match := _IS_IT_TRUE.search(low):
        inline = _clean_claim(text[match.start("claim") : match.end("claim")])
        # "X, is that true": the claim is what comes before the check.
        before = _clean_claim(re.sub(rf"^\W*{_AUX}\b", "", text[: match.start()], flags=re.IGNORECASE))
        return inline or _reported_or_context(
            text, low, context, _proposition(text, low, match.start()), before
        )
    if match := _FACT_CHECK.search(low):
        return _clean_claim(text[match.start("claim") : match.end("claim")]) or _claim_in_context(context)
    if _DOUBT.search(low):
        return _reported_or_context(text, low, context, "")
    if match := _REALLY.match(sentence):
        return _clean_claim(f"{match.group('subject')} {match.group('rest')}")
    if match := _X_IS_VERDICT.match(sentence):
        # Said as the claim it is: "is the letter legit" checks "the letter is legit".
        stated = f"{match.group('claim')} {match.group('aux')} {match.group('verdict')}"
        return _reported_or_context(text, low, context, _clean_claim(stated))
    reported = _REPORTED.search(low)
    if reported and (check := _yes_no_clause_start(low, reported)) >= 0:
        return _best_claim(
            _clean_claim(text[reported.start("claim") : reported.end("claim")]),
            _proposition(text, low, check),
        )
    if _HEARSAY.search(low) and _YES_NO_START.match(sentence):
        return _clean_claim(sentence)
    # Hearsay told without asking ("someone said the letter was a draft") asks whether it holds.
    if reported and _HEARSAY.search(low) and not _WH.search(sentence):
        return _clean_claim(text[reported.start("claim") : reported.end("claim")])
    return None


def _yes_no_clause_start(low: str, reported: re.Match[str]) -> int:
    """Where a yes/no clause outside the reported claim starts ("..., is that true", ". did he mess up?"),
    or -1; a wh-question after a report ("The White House said X. When will it ...?") is no check."""
    for clause in re.finditer(r"[^,.;!?]+", low):
        if reported.start("claim") <= clause.start() < reported.end("claim"):
            continue
        whole = clause.group(0).rstrip()
        body = _OPENERS.sub("", whole.lstrip())
        if _YES_NO_START.match(body) or re.match(r"(?:true|really|legit|right|correct)\b", body):
            return clause.start() + len(whole) - len(body)
    return -1


def _proposition(text: str, low: str, start: int) -> str:
    """The content of the yes/no clause at ``start``, without its auxiliary: "did he mess up" -> "he mess
    up"; nothing left for "is that true"."""
    if start < 0:
        return ""
    clause = re.match(r"[^,.;!?]+", low[start:])
    body = text[start : start + clause.end()] if clause else ""
    body = re.sub(rf"^\W*{_AUX}\b", "", body, flags=re.IGNORECASE).strip()
    return "" if _IS_IT_TRUE.search(f"is {body.lower()}") else _clean_claim(body)


def _reported_or_context(text: str, low: str, context: str, proposition: str, before: str = "") -> str:
    """The claim a check is about: something reported in the question or the check's own ``proposition``,
    whichever says more; else what the question says ``before`` the check; else the thread's last claim."""
    if reported := _REPORTED.search(low):
        return _best_claim(_clean_claim(text[reported.start("claim") : reported.end("claim")]), proposition)
    return proposition or before or _claim_in_context(context)


def _best_claim(reported: str, proposition: str) -> str:
    """The one that says more: "the 82nd airborne got sent to iraq" over "he mess up", "the letter fake"
    over "it was fake"."""
    return max((reported, proposition), key=lambda claim: len(terms(claim)))


def _claim_in_context(context: str) -> str:
    """The last claim in the thread: a quoted passage if there is one, else the last sentence with
    content, without citation markers and attribution prefixes ("A reader comment (…) claims:")."""
    context = _CITATION.sub("", normalise_chat(context, drop_filler=True)).strip()
    if not context:
        return ""
    if quotes := _QUOTED.findall(context):
        return _clean_claim(quotes[-1])
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", context) if len(terms(s)) >= 2]
    if not sentences:
        return ""
    last = _ATTRIBUTION.sub("", sentences[-1])
    if reported := _REPORTED.search(last.lower()):
        return _clean_claim(last[reported.start("claim") : reported.end("claim")])
    return _clean_claim(last)


def _clean_claim(claim: str) -> str:
    claim = _TRAILING_CHECK.sub("", claim.strip())
    claim = _OR_NOT.sub("", claim).strip(_EDGE_PUNCT)
    return _CLAIM_EDGES.sub("", claim).strip(_EDGE_PUNCT)


# -- yes/no and factual --------------------------------------------------------------------------------

# "can you tell me who ...", "do you know when ...": a wh-question put politely, not a yes/no one.
_EMBEDDED_WH = re.compile(
    r"^(?:can|could|would|will|do|does) (?:you|anyone|anybody|someone|somebody) (?:\w+ ){0,2}?"
    r"(?:tell|explain|say|know|show|remember|find|let)\b(?: (?:me|us))?(?: \w+)?? "
    r"(?:who|what|when|where|why|how|which|whose)\b"
)


# "..., right?", "isn't it?", "..., yes?": a statement put up for confirmation.
_TAG_QUESTION = re.compile(
    rf"(?:,|\b)\s*(?:right|correct|yes|no|true|{_AUX} not (?:it|they|he|she|there|that))\s*\?+\s*$"
)
_LATER_YES_NO = re.compile(rf"[,;:]\s*{_AUX}\b")
# A verb in a statement: an auxiliary, or a past tense ("trump threatened sanctions?").
_DECLARATIVE_VERB = re.compile(rf"\b(?:{_AUX}|\w{{3,}}ed)\b")


def _is_yes_no(sentence: str, low: str) -> bool:
    if _EMBEDDED_WH.match(sentence):
        return False
    if _YES_NO_START.match(sentence) or _OR_NOT.search(low) or _TAG_QUESTION.search(sentence):
        return True
    if _WH.search(sentence):
        return False
    # "hold on, did they leave?", and a statement asked back ("so the troops are staying?").
    return bool(
        _LATER_YES_NO.search(sentence) or (sentence.endswith("?") and _DECLARATIVE_VERB.search(sentence))
    )


def _answer_type(sentence: str) -> str | None:
    """What a factual question asks for, from its first question word."""
    wh = _WH.search(sentence)
    if not wh:
        return None
    at = wh.start()
    for pattern, kind in _HOW_TYPES:
        if pattern.match(sentence, at):
            return kind
    for pattern, kind in (
        (_WHO, "person"),
        (_WHEN, "time"),
        (_WHERE, "place"),
        (_WHY, "cause"),
        (_WHAT_CAUSE, "cause"),
    ):
        if pattern.match(sentence, at):
            return kind
    if head := _WHAT_HEAD.match(sentence, at):
        for word in head.group("head").split():
            word = word.removesuffix("'s")
            if word in _HEAD_STOP:
                break
            if kind := _HEAD_TYPE.get(word):
                return kind
    return None


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans blanked out."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _topic(text: str) -> str:
    """What is left of ``text`` once its framing is gone, without the edge words that only point at the
    story: " of the republican fire-breathers column" -> "republican fire-breathers"."""
    words = _OR_NOT.sub("", text).replace("?", " ").split()
    # A quoted title is kept whole: "'can the liberals hide the stumbles'" keeps its "can".
    while words and words[0][0] not in _QUOTES and _is_junk(words[0], _LEAD_JUNK):
        words.pop(0)
    while words and words[-1][-1] not in _QUOTES and _is_junk(words[-1], _TRAIL_JUNK):
        words.pop()
    return " ".join(words).strip(_EDGE_PUNCT)


def _is_junk(word: str, junk: frozenset[str]) -> bool:
    bare = word.lower().strip(_EDGE_PUNCT)
    return not bare or bare in junk


def _intent(
    kind: IntentKind,
    asked: str,
    *,
    text: str,
    names: Collection[str],
    wants_recent: bool,
    answer_type: str | None = None,
    commenters: tuple[str, ...] = (),
    comment_number: int | None = None,
) -> Intent:
    """The intent with its focus: the content terms of what is ``asked`` without framing or time words,
    with names (capitalised in the question ``text``, years, or known ``names``) first, as entities."""
    known = {term for name in names for term in terms(name)}
    content = [t for t in dict.fromkeys(terms(_RECENT.sub(" ", asked))) if t not in _FRAMING_WORDS]
    named = key_terms(text) | known
    entities = tuple(t for t in content if t in named)
    focus = entities + tuple(t for t in content if t not in entities)
    return Intent(kind, asked, focus, entities, answer_type, commenters, comment_number, wants_recent)
