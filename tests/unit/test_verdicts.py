"""The verdict a yes/no question or claim check opens with, from the article's lead sentence."""

from retrieval.answer import framing
from retrieval.answer.intents import recognise
from retrieval.answer.scoring import ScoredSentence
from retrieval.answer.verdicts import verdict

NAMED = ScoredSentence(0, 0, "Until last year, the party did well under Mr. Okafor.", 0.45, 0.3, 0.45, False)
RECORD = ScoredSentence(0, 1, "He won four of six elections, a record few match.", 0.45, 0.3, 0.45, False)


def test_a_lead_is_read_with_the_sentence_it_leans_on():
    # "He" is Okafor: alone, the lead does not say that Okafor won.
    intent = recognise("is it true okafor won 4 of 6 elections?")
    assert verdict(intent, RECORD, "article") == framing.NOT_CONFIRMED
    assert verdict(intent, RECORD, "article", [NAMED]) == framing.SAYS_SO


def test_a_lead_holding_every_word_of_a_long_focus_is_sure_however_loosely_it_scores():
    intent = recognise("did okafor win four elections?")
    assert verdict(intent, RECORD, "article", [NAMED]) == framing.YES
    # Two words are not enough to be sure at this support ("did okafor win?").
    assert verdict(recognise("did okafor win?"), RECORD, "article", [NAMED]) == framing.UNSURE
    # A number the sentences do not hold is not confirmed.
    assert verdict(recognise("did okafor win five elections?"), RECORD, "article", [NAMED]) == framing.UNSURE


def test_a_lead_that_only_weighs_the_thing_gives_no_verdict():
    weighs = ScoredSentence(
        0, 0, "The agency plans to decide whether the outbreak is an emergency.", 0.7, 0.6, 0.7, False
    )
    says = ScoredSentence(
        0, 0, "The agency declared in May that the outbreak is an emergency.", 0.7, 0.6, 0.7, False
    )
    intent = recognise("is the outbreak an emergency?")
    assert verdict(intent, weighs, "article") == framing.UNSURE
    assert verdict(intent, says, "article") == framing.YES
    # A hedge in a clause about something else weighs nothing of it.
    searched = lead_of(
        "The police searched the depot on Monday in an inquiry into papers that may be kept there."
    )
    assert verdict(recognise("did the police search the depot?"), searched, "article") == framing.YES
    # A question that weighs it too is answered by the sentence that does.
    intent = recognise("will the agency decide whether the outbreak is an emergency?")
    assert verdict(intent, weighs, "article") == framing.YES


def test_non_and_declining_say_otherwise():
    lead = ScoredSentence(0, 0, "The minister dismissed the non-binding resolution.", 0.7, 0.6, 0.7, False)
    assert verdict(recognise("is the resolution binding?"), lead, "article") == framing.NO
    # "non" negates the word it is joined to: a non-binding resolution is still a resolution, dismissed.
    assert verdict(recognise("is it true the minister dismissed the resolution"), lead, "article") == (
        framing.SAYS_SO
    )
    lead = ScoredSentence(0, 0, "The ministry is declining to confirm the letter.", 0.7, 0.6, 0.7, False)
    assert verdict(recognise("did the ministry confirm the letter"), lead, "article") == framing.NO


def test_an_opposite_verb_answers_the_other_way():
    # "did okafor win the 2024 vote" of "Okafor lost the 2024 vote": No; the same of "won": Yes.
    lost = ScoredSentence(0, 0, "Mr. Okafor lost the 2024 vote by a wide margin.", 0.6, 0.5, 0.6, False)
    won = ScoredSentence(0, 0, "Mr. Okafor won the 2024 vote by a wide margin.", 0.6, 0.5, 0.6, False)
    assert verdict(recognise("did okafor win the 2024 vote?"), lost, "article") == framing.NO
    assert verdict(recognise("did okafor win the 2024 vote?"), won, "article") == framing.YES
    assert verdict(recognise("did okafor lose the 2024 vote?"), lost, "article") == framing.YES
    # "Did prices fall?" of "Prices rose": No; and a claim of it is said otherwise.
    rose = ScoredSentence(0, 0, "Ferry prices rose again in March.", 0.6, 0.5, 0.6, False)
    assert verdict(recognise("did ferry prices fall in march?"), rose, "article") == framing.NO
    assert (
        verdict(recognise("is it true ferry prices fell in march?"), rose, "article")
        == framing.SAYS_OTHERWISE
    )


def test_an_opposite_word_answers_the_other_way():
    contradicts = lead_of("The letter contradicts President Trump's earlier statements on the troops.")
    assert verdict(recognise("does trump agree with the letter?"), contradicts, "article") == framing.NO
    night = lead_of("The helicopter flights will take place mainly during the night.")
    assert (
        verdict(recognise("r the helicopter flights gonna be during the day"), night, "article") == framing.NO
    )
    # A refusal is a negation already: "did they accept" of "they rejected" is never turned round to Yes.
    rejected = lead_of("The union rejected the city's offer on Friday.")
    assert verdict(recognise("did the union accept the city's offer"), rejected, "article") != framing.YES


def test_an_article_sentence_speaks_of_what_its_headline_names():
    # The sentence never says "Marisol" or "earthquake"; the story's headline does.
    lead = lead_of("The agency said it had not issued a tsunami warning because the quake was inland.")
    question = recognise("was there a tsunami warning for the marisol earthquake?")
    assert verdict(question, lead, "article") == framing.UNSURE
    assert verdict(question, lead, "article", headline="Marisol earthquake") == framing.NO


def test_the_headline_sets_the_place_not_the_subject():
    # "Alex Jones trial" names him, but a sentence saying what "Jones" said then is no word on now.
    said = lead_of("Jones baselessly said in the aftermath of the shooting that it was staged.")
    question = recognise("does alex jones still think the shooting was staged?")
    assert verdict(question, said, "article", headline="Alex Jones trial") == framing.UNSURE


def test_news_words_for_the_same_thing_say_so():
    largest = lead_of("The Cedar Fire is the largest of the state's fire season so far, officials said.")
    assert verdict(recognise("is the cedar fire the biggest fire this season?"), largest, "article") == (
        framing.YES
    )
    masks = lead_of("Face masks are not currently required for the harbour tours, the council said.")
    assert verdict(recognise("do u need a mask for the harbour tour"), masks, "article") == framing.NO
    group = lead_of("The new Gulls ownership group includes the tennis champion Ana Ruiz.")
    assert verdict(recognise("is ana ruiz an owner of the gulls?"), group, "article") == framing.YES


def test_every_is_all():
    # "every other" as a quantifier, as "all the other" is: the claim is the article's.
    lead = lead_of("Its defence budget is almost as big as all the other military budgets combined.")
    claim = recognise(
        "is it true the defence budget is almost as big as every other military budget combined"
    )
    assert verdict(claim, lead, "article") == framing.SAYS_SO


def lead_of(text: str) -> ScoredSentence:
    return ScoredSentence(0, 0, text, 0.7, 0.6, 0.7, False)


def test_whether_a_thing_is_over_turns_on_a_sentence_saying_so():
    # "over" is too common a word to be part of the focus: the verdict must still find it said.
    intent = recognise("is the bread shortage over?")
    assert verdict(intent, lead_of("The bread shortage is a crisis for bakers."), "article") == framing.UNSURE
    assert verdict(intent, lead_of("The bread shortage is over, the bakers said."), "article") == framing.YES
    assert verdict(intent, lead_of("The bread shortage ended in May, bakers said."), "article") == framing.YES
    assert verdict(intent, lead_of("The bread shortage is not over yet."), "article") == framing.NO
    # "over 1,100 bakers" counts; it says nothing of an end.
    crowded = lead_of("Over 1,100 bakers felt the bread shortage.")
    assert verdict(intent, crowded, "article") == framing.UNSURE


def test_whether_a_thing_is_back_turns_on_a_sentence_saying_it_returned():
    intent = recognise("are the night buses back")
    returned = lead_of("The night buses returned to the city on Monday.")
    assert verdict(intent, returned, "article") == framing.YES
    assert verdict(intent, lead_of("The night buses were cut in 2020."), "article") == framing.UNSURE


def test_a_plan_called_off_is_a_no():
    intent = recognise("is spirit merging with frontier?")
    plug = lead_of("The news came a day after Spirit pulled the plug on a deal to merge with Frontier.")
    assert verdict(intent, plug, "article") == framing.NO
    scrapped = lead_of("Spirit scrapped its deal to merge with Frontier.")
    assert verdict(intent, scrapped, "article") == framing.NO
    # Called off in another clause: what follows it still stands.
    other = lead_of("After a deal with Avelo was called off, Spirit agreed to merge with Frontier.")
    assert verdict(intent, other, "article") == framing.YES


def test_another_figure_in_the_claim_s_unit_says_otherwise():
    eaten = lead_of("Competitive eater Sam Ortiz won the contest, eating 63 hot dogs in 10 minutes.")
    assert verdict(recognise("did ortiz eat 70 hot dogs?"), eaten, "article") == framing.NO
    claim = recognise("is it true ortiz ate 70 hot dogs")
    assert verdict(claim, eaten, "article") == framing.SAYS_OTHERWISE
    assert verdict(recognise("did ortiz eat 63 hot dogs?"), eaten, "article") == framing.YES
    # A figure in another unit says nothing of the claim's.
    minutes = lead_of("Ortiz ate for 10 minutes.")
    assert verdict(recognise("did ortiz eat 70 hot dogs?"), minutes, "article") != framing.NO


def test_the_claim_s_own_figure_says_so_as_precisely_as_the_claim_puts_it():
    watched = lead_of("The Harbour Saga brought in roughly 4 million viewers for its first episode.")
    claim = recognise("is it true that 4 million people watched the harbour saga")
    assert verdict(claim, watched, "article") == framing.SAYS_SO
    # The figure alone is not the claim: 4 million people did not die.
    died = recognise("did 4 million people die watching the harbour saga")
    assert verdict(died, watched, "article") == framing.UNSURE
    deal = lead_of("Ortiz agreed to a two-year deal worth $97.1 million on Wednesday.")
    claim = recognise("is it true ortiz's deal is worth 97 million")
    assert verdict(claim, deal, "article") == framing.SAYS_SO
    # "100 million" is not 97.1 million as precisely as it is put.
    assert verdict(recognise("is ortiz's deal worth 100 million"), deal, "article") == framing.NO
    # "Percentage points" are the claim's points.
    margin = lead_of("Okafor won the district by 12.4 percentage points, his largest margin.")
    assert verdict(recognise("is it true okafor won the district by like 12 points"), margin, "article") == (
        framing.SAYS_SO
    )


def test_whether_a_thing_is_going_down_turns_on_a_sentence_saying_it_falls():
    intent = recognise("are bread prices still going down?")
    falling = lead_of("The steady decline in bread prices has been driven by a bumper wheat harvest.")
    assert verdict(intent, falling, "article") == framing.YES
    assert verdict(intent, lead_of("Bread prices vary from town to town."), "article") == framing.UNSURE
    rising = recognise("are bread prices going up")
    assert verdict(rising, lead_of("Bread prices rose again in June, bakers said."), "article") == framing.YES


def test_a_people_says_what_their_country_does():
    # "the Iraqis" for "iraq": the sentence says what the claim says.
    lead = ScoredSentence(
        0, 0, "The president threatened sanctions until the Iraqis pay for the airbase.", 0.7, 0.6, 0.7, False
    )
    intent = recognise("is it true the president threatened sanctions on iraq")
    assert verdict(intent, lead, "article") == framing.SAYS_SO


def test_still_is_answered_no_by_a_sentence_saying_it_ended():
    ended = lead_of("Mr. Okafor's tenure as mayor came to an end on Thursday after a party revolt.")
    assert verdict(recognise("is okafor still mayor?"), ended, "article") == framing.NO
    held = lead_of("Rebels held the port town from 2019, and it has since been liberated by the army.")
    assert verdict(recognise("do the rebels still hold the port town?"), held, "article") == framing.NO
    serving = lead_of("Mr. Okafor, the mayor, opened the bridge on Thursday after a party revolt.")
    assert verdict(recognise("is okafor still mayor?"), serving, "article") == framing.YES


def test_the_only_one_is_said_only_by_a_sentence_saying_so():
    strike = lead_of("The strike killed General Okafor and a number of militia officers at the airport.")
    intent = recognise("was okafor the only one killed in the strike?")
    assert verdict(intent, strike, "article") == framing.NO
    alone = lead_of("The strike killed General Okafor at the airport.")
    assert verdict(intent, alone, "article") == framing.UNSURE
    assert verdict(recognise("was okafor killed in the strike?"), strike, "article") == framing.YES
    # "only 3" claims a figure, not that someone was the only one.
    three = lead_of("The strike killed 3 militia officers at the airport.")
    assert (
        verdict(recognise("is it true the strike killed only 3 officers?"), three, "article")
        == framing.SAYS_SO
    )


def test_a_comparison_made_the_other_way_round_says_otherwise():
    scarier = lead_of("Ted Ruiz, as Jimmy Okafor maintains, is even scarier than Mr. Trump.")
    reversed_claim = recognise("is it true jimmy okafor said trump is scarier than ruiz")
    assert verdict(reversed_claim, scarier, "article") == framing.SAYS_OTHERWISE
    claim = recognise("is it true jimmy okafor said ruiz is scarier than trump")
    assert verdict(claim, scarier, "article") == framing.SAYS_SO
    # "per" names who says so: nothing the sentence must hold.
    assert verdict(recognise("is ted ruiz scarier than trump per jimmy okafor"), scarier, "article") == (
        framing.YES
    )


def test_zero_is_none():
    # "zero fatalities" is no death: fatalities are deaths, and "zero" negates them.
    zero = lead_of("Officials in Tessel county said the floods left zero fatalities.")
    assert verdict(recognise("did anyone die in the tessel county floods"), zero, "article") == framing.NO
