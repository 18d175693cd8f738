"""Words read as another word's term: an irregular past form as its verb, a noun for an act as its verb, the
news's word for an act as the plain one people ask with, a small number in words as its digits. Snowball
stems suffixes only, so without this "won" and "win" are different words."""

from __future__ import annotations


def _read_as(table: dict[str, str]) -> dict[str, str]:
    """Each of ``table``'s space-separated forms, read as the word it is listed under."""
    return {form: word for word, forms in table.items() for form in forms.split()}


# Irregular past forms and participles, read as their verb: "did harper win" is answered by "He won three
# of five elections", "when did they meet" by "they first met in May". Forms that are as often something
# else in the news are left out: "left" (politics), "shot" (a vaccine), "fed" (the Fed), "born", "lay".
BASE_FORM = _read_as(
    {
        "win": "won",
        "lose": "lost",
        "meet": "met",
        "lead": "led",
        "hold": "held",
        "keep": "kept",
        "make": "made",
        "take": "took taken",
        "give": "gave given",
        "come": "came",
        "go": "went gone",
        "get": "got gotten",
        "know": "knew known",
        "think": "thought",
        "bring": "brought",
        "buy": "bought",
        "sell": "sold",
        "pay": "paid",
        "send": "sent",
        "spend": "spent",
        "build": "built",
        "begin": "began begun",
        "run": "ran",
        "write": "wrote written",
        "speak": "spoke spoken",
        "choose": "chose chosen",
        "drive": "drove driven",
        "fly": "flew flown",
        "grow": "grew grown",
        "throw": "threw thrown",
        "break": "broke broken",
        "steal": "stole stolen",
        "strike": "struck stricken",
        "fight": "fought",
        "catch": "caught",
        "teach": "taught",
        "seek": "sought",
        "eat": "ate eaten",
        "draw": "drew drawn",
        "freeze": "froze frozen",
        "hide": "hid hidden",
        "sink": "sank sunk",
        "wear": "wore worn",
        "stand": "stood",
        "mean": "meant",
        "hear": "heard",
        "deal": "dealt",
        "forget": "forgot forgotten",
        "withdraw": "withdrew withdrawn",
        "become": "became",
        "flee": "fled",
        "hang": "hung",
        "sweep": "swept",
        "shake": "shook shaken",
        "blow": "blew blown",
        "rise": "rose risen",
        "fall": "fell fallen",
        "feel": "felt",
        "find": "found",
        "see": "saw seen",
        "ride": "rode ridden",
        "bite": "bitten",
        "sing": "sang sung",
        "swim": "swam swum",
        "sit": "sat",
        "sleep": "slept",
        "lend": "lent",
        "tear": "tore torn",
    }
)
# A few nouns news uses for the act a question asks with a verb: "how much did the team sell for" is
# answered by "the sale is worth $2.1 billion", "how did he die" by "his death". (And "fetched $19
# million" is what a thing sold for.)
BASE_FORM |= _read_as(
    {
        "sell": "sale sales fetch fetched fetches",
        "die": "death deaths fatality fatalities",
        "lose": "loss losses",
        "pay": "payment payments",
        "grow": "growth",
        "fly": "flight flights",
        "respond": "response responses",
        "react": "reaction reactions",
        "watch": "viewer viewers viewership",
    }
)
# The news's word for an act, read as the plain word people ask with: "how big was the python they caught"
# is answered by "a record 215-pound python has been captured", "what did they find" by "tracks were
# discovered", "did boris quit" by "Johnson resigned". Only words that mean the same act wherever the news
# uses them ("acquire" is buying, "offer" is not always selling).
BASE_FORM |= _read_as(
    {
        "catch": "capture captures captured capturing",
        "find": "discover discovers discovered discovering discovery discoveries uncover uncovers uncovered",
        "buy": "purchase purchases purchased purchasing acquire acquires acquired acquiring acquisition",
        "quit": "resign resigns resigned resigning resignation",
        "get": "receive receives received receiving",
        "ban": "prohibit prohibits prohibited prohibiting",
        "earthquake": "quake quakes",
        "big": "bigger biggest large larger largest",
        "need": "require requires required requiring",
        "owner": "ownership",
    }
)
# The everyday word people ask with, read as the news's: "how much does putin pay moms who have 10 kids" is
# answered by "1 million rubles ... to Russian mothers once the 10th child turns one"; "emmy noms" are the
# nominations entertainment news calls "nods".
BASE_FORM |= _read_as(
    {
        "child": "kid kids children",
        "mother": "mom moms mum mums",
        "father": "dad dads",
        "nomination": "nom noms nod nods",
    }
)
# A people's name, read as their country's where only saying the same thing is at stake (a verdict): "is it
# true trump threatened sanctions on iraq" is what "Trump ... until the Iraqis 'pay us back'" says. (Not in
# every term: in a story about Iraq, every "Iraqi" would count as the question's "iraq".) Only names that
# are nothing else: not "polish", "turkey", "indian".
DEMONYMS = _read_as(
    {
        "iraq": "iraqi iraqis",
        "iran": "iranian iranians",
        "afghanistan": "afghan afghans",
        "ukraine": "ukrainian ukrainians",
        "russia": "russian russians",
        "china": "chinese",
        "taiwan": "taiwanese",
        "japan": "japanese",
        "canada": "canadian canadians",
        "mexico": "mexican mexicans",
        "israel": "israeli israelis",
        "syria": "syrian syrians",
        "pakistan": "pakistani pakistanis",
        "britain": "british",
        "france": "french",
        "germany": "german germans",
        "italy": "italian italians",
        "spain": "spanish",
        "europe": "european europeans",
        "australia": "australian australians",
    }
)
# Small numbers in words are the same terms as in digits: "won three of five" checks "won 3 of 5". ("One" is
# as often a pronoun.)
BASE_FORM |= {
    word: str(n)
    for n, word in enumerate("two three four five six seven eight nine ten eleven twelve".split(), start=2)
}
# An ambiguous past form read as its verb where the word after it settles which it is: "left out" is
# "leave out" ("which measure did lawmakers leave out" - "Also left out is a federal ban"), where "left" alone
# is as often the political left.
PHRASAL_FORM = {("left", "out"): "leave", ("left", "behind"): "leave", ("shot", "down"): "shoot"}
# "Did the mayor quit": "she stepped down" says so.
PHRASAL_FORM |= {(step, "down"): "quit" for step in ("step", "steps", "stepped", "stepping")}
# "How much did the painting go for": what it sold for.
PHRASAL_FORM |= {(go, "for"): "sell" for go in ("go", "goes", "going", "went", "gone")}

# Idioms for an act, read as its plain word: "did j.lo marry ben affleck" is answered Yes by "have officially
# tied the knot", and "passed away" is a death, never a bill passing.
IDIOMS = {
    "tied the knot": "married",
    "tie the knot": "marry",
    "ties the knot": "marries",
    "tying the knot": "marrying",
    "passed away": "died",
    "pass away": "die",
    "passes away": "dies",
    "passing away": "dying",
    "called it quits": "quit",
    "call it quits": "quit",
    # A union's name spelled out is its initials: "in the eu" asks about "the European Union".
    "european union": "eu",
    "united kingdom": "uk",
}
