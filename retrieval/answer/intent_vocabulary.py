"""The phrasings question intents are recognised by (see intents.py): who the readers are, the story
and its author, how people ask for the readers' view, the author's view, a summary or a comparison, what
makes a sentence a yes/no question and what a factual one asks for, and the words that only frame a
question. The patterns are written for the lowercased question. (Those of claim checks are in claims.py,
those of commenters in commenters.py.)
"""

from __future__ import annotations

import re

from retrieval.text import terms

# -- shared vocabulary ---------------------------------------------------------------------------------

# Who the readers are in a question: commenters, the comment section, or people in general ("what do
# people think"), but not people somewhere else ("people in iraq", "people who died").
READERS = (
    r"(?:readers?|commenters?|commentators?|commenting|posters|the comments?|comments|comment section|"
    r"comments section|the thread|replies|(?:(?:most |other |many )?(?:people|everyone|everybody|folks|"
    r"others|the public))(?: (?:in|on) (?:the )?(?:comments?|comment section|thread|replies|here|chat))?"
    r"(?! (?:in|from|of|at|on|living|who|that|with|died|killed)\b))"
)
# The story itself, and its author (not "the author of the letter", a person the story is about).
ARTICLE = r"(?:article|story|piece|column|op-?ed|editorial|report|post)(?:'s|s')?"
AUTHOR = (
    r"(?<!comment )(?:author|writer|columnist|journalist|reporter|op(?!-)|editorial board|editors?)"
    r"(?:'s|s'|s)?(?! of (?:the |this |that |a )?(?!article|story|piece|column|op-?ed|editorial)\w)"
)
STORY_SIDE = rf"(?:{ARTICLE}|{AUTHOR})"
AUX = r"(?:is|are|was|were|am|do|does|did|will|would|can|could|has|have|had|should|shall|may|might|must)"
# Words that open a chat message without changing what it asks ("so", "ok so", "wait").
OPENERS = re.compile(
    r"^(?:(?:so|and|but|also|ok|okay|wait|then|hey|um|well|btw|quick (?:question|q)|q|question|real quick|"
    r"hold on|hang on|(?:honest|serious|dumb|genuine|noob) question)[,:]?\s+)+"
)
# "... or not", "... or no", "yes or no": a yes/no question whatever its first word.
OR_NOT = re.compile(r",?\s*(?:or not|or no|yes or no|y/n)\s*[?!.]*\s*$")
# An auxiliary opening the sentence: a yes/no question, unless it is a claim check.
YES_NO_START = re.compile(rf"^(?:{AUX})(?: not)?\b")

# -- article against readers ---------------------------------------------------------------------------

_AGREE = (
    r"(?:agree|agrees|agreed|agreeing|disagree|disagrees|disagreed|side with|siding with|"
    r"on (?:the )?(?:[\w-]+(?:'s|s')? )?side|buy|buying|accept|accepts|believe|believes|trust|trusts|back|"
    r"backs|support|supports|push back|pushing back|go along|on board|convinced|persuaded|share|shares)"
)
# Readers (asked about as a group) agreeing or not, with the article, with something else, or with "that".
# "anyone in the comments", "somebody here": readers, one at a time.
ANYONE_IN_COMMENTS = (
    r"(?:any(?:one|body)|some(?:one|body)) (?:(?:in|on) (?:the )?(?:comments?|comment section|thread|"
    r"replies)|here)"
)
READERS_AGREE = re.compile(
    rf"\b(?:{AUX}|how many)(?: not)?(?: the| most| many| any| all| some| other)? "
    rf"(?:{READERS}|{ANYONE_IN_COMMENTS})"
    rf"(?: \w+){{0,2}}? {_AGREE}\b(?P<target>[^?.!;]*)"
)
# What readers agree with is the story when it names it ("the fire breathers article") or points back
# at it ("that", "it", "him").
AGREE_TARGET_IS_STORY = re.compile(
    rf"\b{STORY_SIDE}\b|^\W*(?:with |in )?(?:it|that|this|him|her|them|his|the "
    r"argument|the point|the claim|the view)?\W*(?:or not|or no)?\W*$"
)
# "a commenter says X, does the article say that": whether the story backs a claim a reader makes.
STORY_BACKS_IT = re.compile(
    rf"\b(?:does|did|do) (?:the |this |that )?{STORY_SIDE} (?:\w+ )?(?:say|mention|back|support|"
    r"confirm|agree with|report)(?: that| this| it| so)?\W*$"
)
COMPARE = re.compile(
    r"\b(?:compare|compared|comparison|versus|vs\.?|differ|differs|different|difference|"
    r"contrast|line up|match|same view|same page|consistent|disagree|contradict|conflict|at odds)\b"
)
STORY_SPEAKS = re.compile(
    rf"\b{STORY_SIDE} (?:\w+ )?(?:says?|said|claims?|argues?|thinks?|reports?|writes?|"
    r"calls?|is saying|suggests?)\b"
)
READERS_SPEAK = re.compile(
    rf"\b{READERS} (?:\w+ )?(?:says?|said|claim|think|are saying|argue|reckon|call|"
    r"suggest)\b"
)
WHICH_IS_RIGHT = re.compile(
    r"\b(?:which is it|which one is (?:it|right|true)|who is right|who is correct|"
    r"who is telling the truth)\b"
)
READERS_ANY = re.compile(rf"\b{READERS}\b")
STORY_ANY = re.compile(rf"\b(?:the |this |that )?{STORY_SIDE}\b")

# -- readers' view -------------------------------------------------------------------------------------

READERS_VIEW = (
    # "what do people think", "how are commenters reacting", "what is the comment section saying".
    re.compile(
        rf"\b(?:what|how)(?: else)? (?:do|does|did|are|is|were|was|would)(?: the| most| other| all)? "
        rf"{READERS} (?:\w+ )?(?:think|thinking|thought|say|saying|said|feel|feeling|felt|make of|reacting|"
        r"react|reacted|responding|respond|responded|take|taking|like|want|believe|argue|arguing|talk about|"
        r"talking about|discuss|discussing|complain about|complaining about|commenting|say about|mad about)\b"
    ),
    # "readers' opinion on X", "comment section reactions", "people's take".
    re.compile(
        rf"\b{READERS}(?:'s|s'|')? (?:general |overall |main )?(?:opinions?|views?|thoughts|take|takes|"
        r"reactions?|responses?|sentiment|mood|consensus|vibes?|verdict|positions?|stance|feelings?|"
        r"arguments?)\b"
    ),
    # "the vibe in the comments", "the mood among readers".
    re.compile(
        rf"\b(?:vibes?|mood|sentiment|consensus|reactions?|opinions?|takes?|feeling) (?:in|of|among|from|on) "
        rf"(?:the )?{READERS}"
    ),
    # "how's the comment section", "how are the comments (on the media piece)".
    re.compile(
        r"^\W*how (?:is|are|was|were) (?:the )?(?:comments?|comment section|comments section|replies)\W*$"
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
        rf"\b(?:summar\w+|tl;?dr|gist|recap|overview|sum up)(?: of| on| for)? (?:the |all )?{READERS}\b"
    ),
    # "did readers like it", "are people mad", "what are the top comments".
    re.compile(
        rf"^(?:{AUX})(?: not)?(?: the| most| many| any)? {READERS} (?:\w+ )?(?:like|love|hate|enjoy|"
        r"approve|dislike|mad|angry|happy|upset|divided|split|supportive|critical|outraged|care|negative|"
        r"positive|hostile|favou?rable)\b"
    ),
    re.compile(
        r"\b(?:top|best|most (?:upvoted|liked|popular)|popular|main|most common) (?:comments?|replies|"
        r"reactions?|takes?)\b"
    ),
    # "the most common complaint in the comments", "main criticism from readers".
    re.compile(
        r"\b(?:main|most common|biggest|common|usual|top) (?:complaints?|criticisms?|objections?|concerns?|"
        rf"gripes?|arguments?|themes?|points?)\b.*\b(?:in|from|among|of|by) (?:the )?{READERS}"
    ),
    # "do commenters think trump will win": what the readers think of that.
    re.compile(
        rf"^(?:do|does|did) (?:the |most |many |any |other )?{READERS} (?:really |actually )?"
        r"(?:think|believe|expect|feel|reckon) (?:that )?(?P<topic>[^?!.]+)"
    ),
    # "did anyone in the comments defend postmedia", "do any readers mention the cbc": the readers who take
    # it up. ("did anyone die" asks about the story: "anyone" counts only with where, in the comments.)
    re.compile(
        rf"^(?:{AUX})(?: not)? (?:{ANYONE_IN_COMMENTS}|any (?:of the )?{READERS}) (?!mentions?\b)"
        r"(?P<topic>[^?!.]+)"
    ),
)

# -- the author's view ---------------------------------------------------------------------------------

_STANCE_NOUNS = (
    r"(?:point|thesis|argument|take|opinion|views?|stance|position|angle|bias|agenda|conclusion|message|"
    r"problem with|issue with|beef with|thoughts?|feelings?|side|main idea|big idea|verdict|assessment|"
    r"judge?ment)"
)
_STANCE_VERBS = (
    r"(?:think|thinks|thought|believe|believes|feel|feels|want|wants|argue|argues|arguing|say|says|saying|"
    r"suggest|suggests|suggesting|propose|proposes|recommend|recommends|like|likes|dislike|dislikes|hate|"
    r"hates|love|loves|support|supports|oppose|opposes|blame|blames|mean|means|trying to say|getting at|"
    r"criticize|criticizes|criticise|criticises|prefer|prefers|favou?r|favou?rs|agree|agrees|disagree|"
    r"disagrees|stand|stands|make of|care about|worried about|advocate|advocating|pushing|"
    # "why does the author compare tories and the gop": the comparison is the piece's argument.
    r"compare|compares|comparing)"
)
AUTHOR_VIEW = (
    # "what's the author's point", "op's take on X", "the columnist's opinion".
    re.compile(rf"\b(?:the |this |that )?{AUTHOR} (?:\w+ )?{_STANCE_NOUNS}\b"),
    # "what does the columnist think of X", "does the writer actually like jeb", "what is the writer arguing".
    re.compile(
        rf"\b(?:{AUX}|what|how|why) (?:the |this |that )?{AUTHOR} (?:actually |really |even |personally "
        rf"|just |also |genuinely |seem to |seems to )?{_STANCE_VERBS}\b"
    ),
    re.compile(rf"\b(?:the |this |that )?{AUTHOR} (?:\w+ )?{_STANCE_VERBS}\b(?=.*\?|.*\b(?:or not|or no)\b)"),
    # "is this article anti trump or just reporting", "is the column biased".
    re.compile(
        rf"^(?:is|was|are) (?:the |this |that )?{STORY_SIDE} (?:\w+ ){{0,2}}?(?:biased|bias|anti|pro|"
        r"partisan|slanted|one-sided|fair|neutral|objective|balanced|leftist|right-wing|left-wing|an "
        r"opinion|opinion|propaganda|just reporting|sarcastic|satire|a hit piece|for|against|on|"
        # "is the author a conservative": the writer's politics, which only the piece itself shows.
        r"(?:an? )?(?:conservative|liberal|progressive|republican|democrat|tory|socialist|leftist|lefty|"
        r"right-winger|left-winger|trump supporter|fan of))\b"
    ),
    # "what is the column arguing", "the article's thesis", "the point of this piece".
    re.compile(
        rf"\b(?:the |this |that )?{ARTICLE} (?:\w+ )?(?:arguing|argues|argue|trying to say|getting at|"
        rf"advocating|pushing|stance|position|angle|bias|agenda|thesis|argument|take|main point|point)\b"
    ),
    re.compile(
        r"(?<!'s )\b(?:point|thesis|argument|message|main idea|takeaway) (?:of|in|behind) "
        r"(?:the |this |that )(?:[\w'-]+ ){0,4}?(?:article|piece|column|op-?ed|editorial)\b"
    ),
    # "is the columnist a jeb fan", "is the writer a trump critic": the writer's view of them.
    re.compile(rf"^(?:is|was) (?:the )?{AUTHOR} an? (?P<topic>[\w' -]+?) (?:fan|supporter|critic)s?\b"),
    # "is this an opinion piece or news": whether it argues a view, which only the piece shows.
    re.compile(rf"^(?:is|was) (?:this|it|that|the {ARTICLE}) (?:an? )?(?:opinion|news|editorial|op-?ed)\b"),
)

# -- summaries -----------------------------------------------------------------------------------------

SUMMARY = (
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
    # "what's the story about the python": the story on that.
    re.compile(r"\bwhat is the (?:story|article|piece|news) about (?P<topic>[^?!.]+)"),
    re.compile(
        r"\bwhat is (?:the|this) (?P<topic>(?:[\w'-]+ ){0,3}?)(?:story|article|piece|column|news|post|"
        r"thread) about\b"
    ),
    # "whats the story", "what's the deal here" (but "what's the deal with the helicopters" asks about them).
    re.compile(r"\bwhat (?:is|was) the (?:story|deal|situation|news)(?: here| there)?\W*$"),
    # "what happened", "what's going on here": with nothing after, the story as a whole.
    re.compile(
        r"^(?:what|what the hell|what exactly) (?:happened|is happening|is going on|went down|is up)"
        r"(?: here| there| today| in (?:this|the) (?:story|article|piece))?\W*$"
    ),
    re.compile(
        r"^(?:explain|summari[sz]e) (?:this|it|the (?:story|article|piece|column|news))\b|^what is this\W*$"
    ),
    # "whats the latest on monkeypox", "any updates on the oak fire", "what's new with X": the newest story
    # on it, summed up (but "the latest on the death toll" asks for a figure).
    re.compile(
        r"^(?:(?:(?:what is|whats) )?(?:the )?(?:(?:very )?latest|newest|updates?|any (?:news|updates?|"
        r"word))(?: news| updates?)?(?: yet)?|what is new) (?:on|about|with|re|regarding) "
        r"(?![^?!.]*\b(?:toll|numbers?|count|prices?|rates?|figures?|total|score|tally|cases)\b)"
        r"(?P<topic>[^?!.]+)"
    ),
    # "why does this matter", "why should i care": the story as a whole, in its points.
    re.compile(
        r"^(?:why (?:does|should) (?:this|it|that) matter|why should (?:i|we|anyone) care|so what)\W*$"
    ),
)

# "what happened with brittney griner", "what's the deal with the data leak": the story on it, when a story
# is headlined with it (answering.py decides); else a question of fact ("the deal with the helicopters").
STORY_ASKED = re.compile(
    r"^(?:what (?:happened|is happening|is going on|went down|is up) (?:with|w|to|at|in|over)|what is "
    r"(?:the (?:deal|story|situation|news) (?:with|w|on)|(?:up|going on|happening) (?:with|w))) "
    r"(?P<topic>[^?!.]+)"
)

# "is harper mentioned in the gop piece", "does the column mention kasich": whether the story names a thing.
MENTION = re.compile(
    r"^(?:is|are|was|were) (?P<named>.+?) (?:even |ever |actually )?(?:mentioned|named|brought up)\b"
    r"|^(?:does|did|do) (?:it|this|they|he|she|the author|the writer|the (?:[\w'-]+ ){0,4}?"
    r"(?:story|article|piece|column|op-?ed)) (?:even |ever |actually )?(?:mention|name|bring up)\s+"
    r"(?P<thing>.+)"
)

# "what's the deal with the helicopters", "what's the story with the raid": a question about that thing.
ABOUT_A_THING = re.compile(r"\bwhat (?:is|was) the (?:story|deal|situation|news|thing) with (?P<topic>.+)")

# -- factual answer types ------------------------------------------------------------------------------

WH = re.compile(r"\b(?:how|what|which|who|whom|whose|when|where|why)\b")
# "when gas hit $5 which state ...": a clause timing what a later question word asks ("when did" asks when).
WHEN_CLAUSE = re.compile(
    rf"^\W*when\s+(?!{AUX}\b)[^?]*?\b(?=(?:how|what|which|who|whom|whose|where|why)\b)", re.IGNORECASE
)
# What makes a sentence a question: a question word, or an auxiliary opening it.
ASKS = re.compile(rf"\b(?:how|what|which|who|whom|whose|when|where|why)\b|^\s*{AUX}\b")
# -- recency, focus and question cleaning --------------------------------------------------------------

RECENT = re.compile(
    r"\b(?:now|right now|latest|current|currently|these days|nowadays|still|anymore|any more|yet|so far|"
    r"as of (?:now|today|this week)|today|at the moment|most recent|recently|newest|up to date|"
    # ("later this year" schedules something: the story announcing it answers, not the newest mention.)
    r"(?<!later )this (?:week|month|year)|at this point|any (?:news|updates?|word)|what is new)\b"
)
# "according to the comments, who was the letter addressed to": readers named as the source of an answer.
READERS_SOURCE = re.compile(
    r"^\W*(?:according to|per|in|from) (?:the |some |a few )?(?:comments? section|comments?|commenters?|"
    r"readers?|thread|replies|posters),?\s+(?=\w)"
)
# "whats the jobless rate per the article", "according to the column, who ...": the article as the source.
ARTICLE_SOURCE = re.compile(
    r"(?:^\W*|,?\s+)(?:according to|acc(?:\.|ording)? to|per) (?:(?:the|this|that) (?:[\w'’-]+ ){0,4}?)?"
    r"(?:article|column|piece|story|op-?ed|report|author|writer|columnist)\b,?"
)
# A phrase naming the piece asked about: "in the fire-breathers column", "the liberal stumbles piece" (its
# words are the title's, so not "the insider's argument in the liberals column" as a whole).
PIECE_NOUN = r"(?:piece|column|article|story|op-?ed|editorial|essay)"  # what a piece is called
STORY_REFERENCE = re.compile(
    r"\b(?:(?:in|from|of|on|about|by)\s+)?(?:the|that|this)\s+"
    r"(?:(?!(?:the|that|this|in|from|of|on|about|by)\b)[\w'’-]+\s+){0,5}?"
    rf"(?:{PIECE_NOUN}|thread)\b",
    re.IGNORECASE,
)
# Words that frame a question or hedge it but name nothing an answer must contain.
FRAMING_WORDS = frozenset(
    terms(
        "think thinks say mean happen happened happening go going get got actually really even exactly know "
        "tell explain want thing things stuff guy guys kind sort something anything everything someone "
        "anyone saying many much way like please thanks right well first place else besides "
        # "what poll number does the piece cite": a poll, and a number, is what is asked; "the latest
        # monkeypox news": monkeypox.
        "cite number figure news update updates "
        # "did anyone mention harper": Harper is what an answer must name, not the word "mention".
        "mention mentions mentioned"
    )
)
LEAD_JUNK = frozenset(
    "what how who which why when where does do did main can could would will you give me tell show quick "
    "short brief summarize summarise explain describe of on about regarding re with in for to towards toward "
    "over the this that these those a an its it is are was were so and but or then also just us here there "
    "whole entire all like think said say general overall".split()
)
TRAIL_JUNK = frozenset(
    "article story piece column op-ed oped editorial post thread one it this that so then here there though "
    "the a an of on in about with to for and but or is are was at all anyway anyways guys now".split()
)
EDGE_PUNCT = " \t\n\"'“”‘’.,;:!?()[]-–—*_"
QUOTES = "\"'“”‘’"
CLAUSE_END = re.compile(r"[?!.]+(?=\s|$)")

# -- yes/no --------------------------------------------------------------------------------------------

# "can you tell me who ...", "do you know when ...": a wh-question put politely, not a yes/no one.
EMBEDDED_WH = re.compile(
    r"^(?:can|could|would|will|do|does) (?:you|anyone|anybody|someone|somebody) (?:\w+ ){0,2}?"
    r"(?:tell|explain|say|know|show|remember|find|let)\b(?: (?:me|us))?(?: \w+)?? "
    r"(?:who|what|when|where|why|how|which|whose)\b"
)
# "..., right?", "isn't it?", "..., yes?": a statement put up for confirmation.
TAG_QUESTION = re.compile(
    rf"(?:,|\b)\s*(?:right|correct|yes|no|true|{AUX} not (?:it|they|he|she|there|that))\s*\?+\s*$"
)
LATER_YES_NO = re.compile(rf"[,;:]\s*{AUX}\b")
# A verb in a statement: an auxiliary, or a past tense ("trump threatened sanctions?").
DECLARATIVE_VERB = re.compile(rf"\b(?:{AUX}|\w{{3,}}ed)\b")
# A question sentence pointing back into the statement before it: "... When will it be available?"
POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her|this|that|these|those)\b")
