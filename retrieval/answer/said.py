"""What someone said, asked about: "did trump say anything", "how did pompeo react to the vote", "trump's
quote on waterboarding?" are "what did X say (about Y)"; and the speaker such a question names."""

from __future__ import annotations

import re

# "did trump say anything", "has the pentagon said something about the letter", "did the mayor respond":
# what they said, asked as whether they said anything.
SAID_ANYTHING = re.compile(
    # Someone, not a text ("does the letter say anything about civilians" asks whether it does).
    r"^(?:did|has|have|does|do) "
    r"(?!(?:the |this |that )?(?:letter|story|article|piece|column|report|op-?ed|paper|post|memo|it)\b)"
    r"(?P<who>.+?) "
    r"(?:(?:say|said) (?:anything|something)|(?:comment|commented|respond|responded|react|reacted)"
    r"(?: anything| something| at all)?)(?P<rest>(?: (?:about|on|of|to) .+)?)$"
)

# "what's the pentagon's response", "how did trump respond to the vote", "trump's quote on waterboarding?":
# what they said (about it). (Not "how did the market react": a market answers by moving.)
RESPONSE_ASKED = re.compile(
    r"^(?:(?:what (?:is|was|were) )?(?P<who>(?!(?:what|this|his|its) )(?:the )?.+?)(?:'s|s'|’s|s) "
    r"(?:response|reaction|statement|comment|reply|answer|(?P<quote>quote|remark|line))s?"
    r"|how (?:did|has|have|does|do) (?P<whom>.+?) (?:respond|reply|(?<!market )(?<!markets )(?<!stocks )"
    r"(?<!prices )react))"
    r"(?:ed)?(?: (?:to|on|about) (?P<rest>.+))?$"
)

# "what did the iraqi prime minister say about the letter": the speaker asked about.
SPEAKER = re.compile(
    r"\bwhat (?:did|does|do|has|have|is|was) (?P<who>[\w .'-]+?) "
    r"(?:say|said|saying|think|tell|write|wrote|tweet|tweeted|claim|argue)\b"
)


def what_said(sentence: str) -> str | None:
    """What someone said, asked as whether they said anything ("did trump say anything": "what did trump
    say") or as their response ("how did trump respond to the vote": "what did trump say in response to the
    vote", as a story puts it: "Trump responded by ..."); None for any other question."""
    if said := SAID_ANYTHING.match(sentence):
        return f"what did {said['who']} say{said['rest']}"
    if said := RESPONSE_ASKED.match(sentence):
        about = f" {'about' if said['quote'] else 'in response to'} {said['rest']}" if said["rest"] else ""
        return f"what did {said['who'] or said['whom']} say{about}"
    return None


def speaker_asked(question: str) -> str | None:
    """Who ``question`` asks what they said ("what did the iraqi prime minister say" -> "the iraqi prime
    minister"), or None."""
    found = SPEAKER.search(question.lower())
    return found["who"] if found else None
