"""A figure a yes/no question or a claim states ("did he eat 70 hot dogs", "is it true it sold for 5
billion"), checked against the story's: the sentence giving a figure in the same unit answers; one giving
the claim's figure, as precisely as the claim puts it ("97 million" of "$97.1 million"), says so; one
giving another figure in that unit ("63 hot dogs", "$4.65 billion") says otherwise."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from retrieval.answer.counting import YEAR
from retrieval.answer.intents import Intent, IntentKind
from retrieval.text import terms

# A figure in digits and the word after it, its unit ("$4.65 billion", "63 hot dogs", "70%").
FIGURE_UNIT = re.compile(r"(\d[\d,.]*\d|\d)\s*(%|[A-Za-z]+)?")


# "4 per cent", "4 percent" and "4%" are one figure in one unit.
PERCENT = re.compile(r"\s*\b(?:per ?cent|pct)\b", re.IGNORECASE)
# "43.3 percentage points" is the claim's "43 points" (not a percentage).
PERCENTAGE_POINTS = re.compile(r"\bpercentage (?=points?\b)", re.IGNORECASE)


def stated_figures(text: str) -> set[tuple[str, str]]:
    """The figures ``text`` states with their units, years aside: {("4.65", "billion"), ("63", "hot")}."""
    text = PERCENT.sub("%", PERCENTAGE_POINTS.sub("", text))
    return {
        (m.group(1).replace(",", "").rstrip("."), next(iter(terms(m.group(2) or "")), m.group(2) or ""))
        for m in FIGURE_UNIT.finditer(text)
        if not YEAR.fullmatch(m.group(1))
    }


def claims_figure(intent: Intent) -> bool:
    """``intent`` is a yes/no question or a claim stating a figure."""
    checks = intent.kind in (IntentKind.YES_NO, IntentKind.CLAIM_CHECK)
    return checks and bool(stated_figures(intent.question))


def same_unit(claim: str, sentence: str) -> bool:
    """``sentence`` states a figure in a unit ``claim``'s figures use."""
    units = {u for _, u in stated_figures(claim) if u}
    return any(u in units for _, u in stated_figures(sentence))


def same_figure(claim: str, sentence: str) -> bool:
    """``sentence`` states the figure ``claim`` does, in its unit, to the claim's precision: "97 million"
    is "$97.1 million" rounded, "100 million" is not."""
    claimed = {(v, u) for v, u in stated_figures(claim) if u}
    return any(u == cu and _rounds_to(v, cv) for v, u in stated_figures(sentence) for cv, cu in claimed)


def other_figure(claim: str, sentence: str) -> bool:
    """``sentence`` states, in the unit ``claim`` uses, a figure other than the claim's ("$4.65 billion"
    for "sold for 5 billion", "63 hot dogs" for "ate 70 hot dogs"), and not the claim's own."""
    units = {u for _, u in stated_figures(claim) if u}
    said = stated_figures(sentence)
    return bool(units) and not same_figure(claim, sentence) and any(u in units for _, u in said)


def _rounds_to(said: str, claimed: str) -> bool:
    """``said`` rounded to as many decimal places as ``claimed`` gives is ``claimed``."""
    try:
        target = Decimal(claimed)
        return Decimal(said).quantize(target, rounding=ROUND_HALF_UP) == target
    except InvalidOperation:
        return said == claimed
