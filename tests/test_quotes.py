"""Quotation extraction and speakers on news-style text, with the real spaCy model."""

from __future__ import annotations

import pytest

from searchengine.articles import Article
from searchengine.enrich import Enricher
from searchengine.enrich.quotes import extract_quotes, find_quote_spans
from searchengine.readers import article_from_dict


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def quotes(enricher: Enricher, text: str) -> list[tuple[str, str | None]]:
    article = enricher.enrich([Article(text=text)])[0]
    return [(q.text, q.speaker) for q in article.quotes]


# --- what counts as one quotation ---------------------------------------------------------------


def test_quote_interrupted_by_its_attribution_is_one_quote(enricher: Enricher) -> None:
    text = (
        "“We will not back down,” said Governor Ellen Marsh, speaking in Albany on Monday. "
        "“The budget stays as it is.”\n\n"
        "“Prices are rising,” Ellen Marsh told reporters, “and families feel it.”"
    )
    assert quotes(enricher, text) == [
        ("We will not back down, The budget stays as it is.", "Ellen Marsh"),
        ("Prices are rising, and families feel it.", "Ellen Marsh"),
    ]


def test_show_title_in_the_attribution_does_not_split_the_quote(enricher: Enricher) -> None:
    text = (
        "\"It's not that we don't want to, it's that we can't,\" Rubio said on ABC's \"This "
        "Week With George Stephanopoulos.\" \"Because there's no way to background-check "
        "someone that's coming from Syria. Who do you call?\""
    )
    assert quotes(enricher, text) == [(
        "It's not that we don't want to, it's that we can't, Because there's no way to "
        "background-check someone that's coming from Syria. Who do you call?", "Rubio")]


def test_show_title_with_a_lower_case_with_is_a_title(enricher: Enricher) -> None:
    # PolNeAR train: 'with' stays lower case in a title, which still does not split the quote
    text = (
        '"The message is that if anybody lives in those circumstances in this country, that’s '
        'something that the government should be working to try to change," Christie said on '
        'ABC\'s "This Week with George Stephanopoulos." "And Donald Trump is not going to give in '
        'to the special interests in this country, like the teachers union."'
    )
    assert quotes(enricher, text) == [(
        "The message is that if anybody lives in those circumstances in this country, that’s "
        "something that the government should be working to try to change, And Donald Trump is "
        "not going to give in to the special interests in this country, like the teachers "
        "union.", "Christie")]


def test_relative_clause_in_a_finished_attribution_does_not_split(enricher: Enricher) -> None:
    text = (
        "\"We need real change in this country,\" Sanders told a crowd at Hamburger Mary's that "
        "spilled out onto the street. \"And we need a government which represents all of us, "
        "not just the 1 percent!\""
    )
    assert quotes(enricher, text) == [(
        "We need real change in this country, And we need a government which represents all "
        "of us, not just the 1 percent!", "Sanders")]


def test_title_of_a_show_after_a_preposition_is_no_quote(enricher: Enricher) -> None:
    text = (
        "On this weekend’s broadcast of “Fox News Sunday,” Republican vice-presidential nominee "
        "Mike Pence said the tweet was only meant to mock the Clinton campaign.\n\n"
        "“We will not back down from this fight,” Pence said on CBS's “Face the Nation.”"
    )
    assert quotes(enricher, text) == [("We will not back down from this fight,", "Mike Pence")]


def test_title_used_as_a_name_in_a_sentence_is_no_quote(enricher: Enricher) -> None:
    # PolNeAR train sentences: a movement's, a pseudonym's and a club's name inside a sentence
    # that goes on with no attribution are no quotations; a capitalised quote with its
    # speaker after it, or closing its sentence, is one
    text = (
        'Before dropping out, chief rival Ted Cruz responded with vitriol, promoting a "Stop '
        'Trump" movement that focused on defeating an opponent.\n\n'
        "Weiner wrote under the pseudonym “Carlos Danger,” but it didn’t do him any good, as he "
        "was eventually discovered.\n\n"
        "Cruz is holding a party at the “Red Neck Country Club” honkytonk outside his hometown "
        "of Houston.\n\n"
        "Sanders reiterated his belief that there will be a contested convention. \"Absolutely,\" "
        "he said when asked by a reporter if that remains his view.\n\n"
        "Trump blasted the California yoga instructor during a presidential campaign rally, "
        'calling her a "horrible, horrible witness," and then tweeted that she was "Disgraceful!"'
    )
    assert quotes(enricher, text) == [
        ("Absolutely,", "Sanders"), ("horrible, horrible witness,", "Trump"),
        ("Disgraceful!", "Trump")]


def test_short_quote_qualifying_the_noun_after_it_is_no_quote(enricher: Enricher) -> None:
    # PolNeAR dev and train sentences: a quoted term before the noun it names ('effort',
    # 'approach', 'figure') is no quotation; a phrase someone said, before another word, is
    text = (
        "He said Hillary Clinton chaired the “let’s get Monica” effort in the White House to "
        "discredit intern Monica Lewinsky.\n\n"
        '"We need change," the New York businessman said, arguing that he will bring a '
        '"common-sense" approach to the demands of being commander in chief.\n\n'
        'Clinton clearly erred in saying that the "90 to 95 percent" figure was from the State '
        "Department.\n\n"
        "Sanders said he’s heading now to South Carolina and that he has an “excellent chance” "
        "to win many of the states voting on Super Tuesday."
    )
    assert [q for q, _ in quotes(enricher, text)] == ["We need change,", "excellent chance"]


def test_title_after_told_or_a_kind_of_work_is_no_quote(enricher: Enricher) -> None:
    # PolNeAR train: a show told something, a podcast and a film named after their kind
    text = (
        '"We have to really increase the bombings," the presumptive Republican presidential '
        'nominee Donald Trump told "Fox and Friends" after he was asked about the attack.\n\n'
        "“Being a dad, that’s my job,” Weiner said in May on the podcast “Here’s the Thing.”\n\n"
        "In recent years, Weiner opened a consulting firm and acted in the Syfy movie “Sharknado "
        "3: Oh Hell No!”"
    )
    assert [q for q, _ in quotes(enricher, text)] == [
        "We have to really increase the bombings,", "Being a dad, that’s my job,"]


def test_headline_with_its_byline_is_no_quote(enricher: Enricher) -> None:
    # PolNeAR train (a newsletter's reading list): the pieces' headlines are no quotations,
    # the passage quoted from one is
    text = (
        "\"Met accused of whitewashing baby Jesus,\" by Post's Kathianne Boniello: \"A Manhattan "
        "man is suing the Met, claiming it’s committing sacrilege by depicting Jesus as a "
        "blond.\"\n\n"
        "—\"An NYPD sketch artist gets a gallery show,\" by Hyperallergic's Carey Dunne: "
        "http://bit.ly/1NSbMIk."
    )
    assert [q for q, _ in quotes(enricher, text)] == [
        "A Manhattan man is suing the Met, claiming it’s committing sacrilege by depicting Jesus "
        "as a blond."]


def test_quote_in_a_reported_clause_is_not_joined(enricher: Enricher) -> None:
    text = (
        "“Costs are rising fast,” Finance Minister Paul Young said, adding that "
        "“no decision has been made yet.”"
    )
    assert [q for q, _ in quotes(enricher, text)] == [
        "Costs are rising fast,", "no decision has been made yet."]


def test_scare_quotes_titles_and_labels_are_not_quotes(enricher: Enricher) -> None:
    text = (
        "Critics call the plan a “giveaway” for developers.\n\n"
        "Anna Berg appeared on “Meet the Press” on Sunday.\n\n"
        "She called her rival “a liar.”\n\n"
        "Carlos Ruiz said the vote was “rigged” from the start."
    )
    assert quotes(enricher, text) == [("rigged", "Carlos Ruiz")]


def test_curly_quote_nested_in_straight_one_and_mistyped_opening_mark() -> None:
    text = (
        '"The report says “no action is needed” and we disagree," Paul Young said.\n\n'
        "”This is wrong,” said Ann Lee."
    )
    assert [q for _, _, q in find_quote_spans(text)] == [
        "The report says “no action is needed” and we disagree,", "This is wrong,"]


def test_paragraph_continues_only_with_its_own_kind_of_mark() -> None:
    text = '"The hearing was closed.\n\n“We will appeal,” the lawyer said.'
    assert [q for _, _, q in find_quote_spans(text)] == ["We will appeal,"]


# --- speakers ------------------------------------------------------------------------------------


def test_speakers_behind_parentheses_and_dotted_appositives(enricher: Enricher) -> None:
    text = (
        "“We need more nurses in rural clinics,” Sen. Mary Cole (D-Ore.) said Tuesday.\n\n"
        "“The vote is final and binding,” Senate Majority Leader John Reed, R-Ky., said."
    )
    assert [s for _, s in quotes(enricher, text)] == ["Mary Cole", "John Reed"]


def test_capitalised_verbs_and_any_verb_after_a_name(enricher: Enricher) -> None:
    text = (
        "Said Anna Berg: “The river is safe again for swimmers.”\n\n"
        "According to Tom Hale, “the talks have stalled for good.”\n\n"
        "“Get out of my office now,” Carter barked.\n\n"
        "“Mexico will pay for the wall!” the crowd roared."
    )
    assert [s for _, s in quotes(enricher, text)] == ["Anna Berg", "Tom Hale", "Carter", "crowd"]


def test_sentence_subject_speaks_after_saying_or_a_colon(enricher: Enricher) -> None:
    text = (
        "Governor Peter Hall attacked the plan on Monday, saying, “This will cost jobs.”\n\n"
        "Mayor Lisa Tran paused, then turned to the crowd: “We start rebuilding tomorrow.”\n\n"
        "In an interview with the Herald, Sarah Novak went further: “It is a disgrace.”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["Peter Hall", "Lisa Tran", "Sarah Novak"]


def test_quotes_of_one_sentence_share_the_speaker(enricher: Enricher) -> None:
    text = (
        "Carlos Ruiz says the old bridge is “a danger to everyone who uses it” because "
        "“nobody has repaired it since 1990.”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["Carlos Ruiz", "Carlos Ruiz"]


def test_quote_paragraph_continues_the_previous_speaker(enricher: Enricher) -> None:
    text = (
        "“We will win this district,” Clara Diaz said at the rally.\n\n"
        "“And we will win it by a wide margin.”\n\n"
        "The polls close at eight.\n\n"
        "“Nobody saw this coming.”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["Clara Diaz", "Clara Diaz", None]


def test_name_and_verb_without_a_speech_verb(enricher: Enricher) -> None:
    text = "Mayor Lisa Tran pledged to make the utility “pay for every broken pipe in this city.”"
    assert quotes(enricher, text) == [
        ("pay for every broken pipe in this city.", "Lisa Tran")]


def test_no_adverb_or_clause_as_speaker(enricher: Enricher) -> None:
    text = (
        "Senator Tom Price had said, “We will see about that,” when asked about the deadline.\n\n"
        "The mayor, who was off stage, then loudly asked, “Is this really true?”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["Tom Price", "mayor"]


def test_speaker_span_points_at_the_name(enricher: Enricher) -> None:
    text = "“The dam will hold this winter,” said the engineer Maria Lopez on Friday."
    (q,) = extract_quotes(text, enricher.mentions([text])[0])
    assert q.speaker == "Maria Lopez"
    assert text[slice(*q.speaker_span)] == "Maria Lopez"


def test_dash_signature_participle_opener_and_read(enricher: Enricher) -> None:
    text = (
        "“He is not fit to lead a country of this size” ― Karen Walsh\n\n"
        "Hoping to win back young voters, Senator Tom Hale tried a new slogan: "
        "“It is about your future.”\n\n"
        "“The plant will close in the spring,” the memo read.\n\n"
        "“We are ready for anything” after months of training, Captain Lee Park said."
    )
    assert [s for _, s in quotes(enricher, text)] == [
        "Karen Walsh", "Tom Hale", "memo", "Lee Park"]


# --- the statement a quote belongs to (PolNeAR train/dev sentences) ----------------------------


def statements(enricher: Enricher, text: str) -> list[tuple[str, str]]:
    return [(q.text, text[slice(*q.statement)])
            for q in extract_quotes(text, enricher.mentions([text])[0])]


def test_quoted_tail_of_a_reported_clause_carries_the_clause(enricher: Enricher) -> None:
    text = (
        "Clinton says she hopes to be elected president, but she knows that “LeBron will "
        "always be the king.”\n\n"
        "Donald Trump is telling a veterans group that the United States’ military is "
        "“depleted” and says he will expand the nation’s armed forces."
    )
    assert statements(enricher, text) == [
        ("LeBron will always be the king.",
         "she hopes to be elected president, but she knows that “LeBron will always be the "
         "king.”"),
        ("depleted", "the United States’ military is “depleted”"),
    ]


def test_quote_closing_a_clause_before_its_attribution_carries_it(enricher: Enricher) -> None:
    text = (
        "Clinton, though, would have to \"go more to center,\" Cuban said.\n\n"
        "Hoover said the language is likely to face resistance, \"but we have the votes,\" "
        "she added."
    )
    assert statements(enricher, text) == [
        ("go more to center,", "Clinton, though, would have to \"go more to center,\""),
        ("but we have the votes,", "\"but we have the votes,\""),  # a speech verb before it
    ]


def test_a_whole_quote_is_its_own_statement(enricher: Enricher) -> None:
    text = (
        "“It’s gutless leadership,” Warren said.\n\n"
        "She tweeted: “When something gets under Donald’s skin, he lashes out.”"
    )
    assert [(q, s.strip("“”")) for q, s in statements(enricher, text)] == [
        ("It’s gutless leadership,", "It’s gutless leadership,"),
        ("When something gets under Donald’s skin, he lashes out.",
         "When something gets under Donald’s skin, he lashes out."),
    ]


def test_pronoun_resolves_to_the_person_before_it_not_in_the_clause(enricher: Enricher) -> None:
    text = (
        "He was joined on the call by IIyse Hogue, president of the abortion rights group "
        "NARAL. She said Rubio “has failed to do anything beyond furthering his own political "
        "aspirations.”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["IIyse Hogue"]


def test_quote_paragraph_spoken_by_the_subject_of_the_paragraph_before(
        enricher: Enricher) -> None:
    text = (
        "Carter said that for decades some critics had been predicting an impending U.S. "
        "withdrawal from the region, but this would not happen.\n\n"
        "“That’s because this region, which is home to nearly half the world’s population, "
        "remains the most consequential for America’s own security.”\n\n"
        "In an Instagram video Thursday, Trump speculated that the men detained could be part "
        "of the Islamic State.\n\n"
        '"Syrians are now being caught at the southern border, trying to get into the U.S."'
    )
    assert [s for _, s in quotes(enricher, text)] == ["Carter", "Trump"]


def test_attribution_as_a_short_sentence_after_the_quote(enricher: Enricher) -> None:
    text = (
        "“Russia, if you’re listening, I hope you’re able to find the 30,000 emails that are "
        "missing.” Trump said."
    )
    assert [s for _, s in quotes(enricher, text)] == ["Trump"]


def test_contracted_pronoun_resolves_to_the_person(enricher: Enricher) -> None:
    text = (
        "Donald Trump is once again questioning the integrity of the U.S. voting system.\n\n"
        "He’s claiming that voting fraud is “a big, big problem in this country” but "
        "“nobody has the guts to talk about it.”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["Donald Trump", "Donald Trump"]


def test_speaker_facet_lists_names_not_descriptions(enricher: Enricher) -> None:
    text = (
        "As a phone rang, the announcer said, “It’s 3 a.m., and your children are safe and "
        "asleep. Who do you want answering the phone?”\n\n"
        "“It’s gutless leadership,” Warren said."
    )
    article = enricher.enrich([Article(text=text)])[0]
    assert [q.speaker for q in article.quotes] == ["announcer", "Warren"]
    assert article.speakers() == ["Warren"]


def test_quotes_of_one_reported_clause_share_its_statement(enricher: Enricher) -> None:
    text = (
        "Trump, in Kentucky, said Tuesday that March Rubio was “a total lightweight” while "
        "Ted Cruz is “a basket case” and “a liar.”"
    )
    clause = ("March Rubio was “a total lightweight” while Ted Cruz is “a basket case” and "
              "“a liar.”")
    assert statements(enricher, text) == [
        ("a total lightweight", clause), ("a basket case", clause), ("a liar.", clause)]


def test_sentence_subject_before_a_participle_or_a_colon(enricher: Enricher) -> None:
    text = (
        "When Trump suggested that Cuba would sue the U.S. for reneging on the Obama "
        "administration’s deal, Rubio fired back forcefully: “If they sue us in a court in "
        "Miami, they’re going to lose,” referencing the large number of Cuban immigrants in the "
        "region.\n\n"
        "Sanders’ campaign was ready to return fire. His chief aide doubled down on attacks on "
        "Clinton’s fitness to be president, saying she’s experienced “on paper” but suggesting "
        "that might not be enough.\n\n"
        "Sanders, meanwhile, who sits at zero such endorsements, said that fact speaks volumes "
        "about which of the two Democratic presidential candidates is “prepared to take on the "
        "establishment.”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["Rubio", "chief aide", "Sanders"]


def test_participle_after_an_earlier_quote_keeps_its_speaker(enricher: Enricher) -> None:
    text = (
        "Trump said the SCOTUS’ deadlock has “kept us safe” on Twitter before claiming that "
        "open borders are “tearing American families apart.”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["Trump", "Trump"]


def test_opening_mark_typed_for_a_closing_one(enricher: Enricher) -> None:
    text = (
        "“The reality is, if Mrs. Clinton loses Iowa and New Hampshire, that could create new "
        "and real problems for her here,“ said Jim Clyburn, a Democratic congressman and civil "
        "rights leader from South Carolina."
    )
    assert quotes(enricher, text) == [(
        "The reality is, if Mrs. Clinton loses Iowa and New Hampshire, that could create new "
        "and real problems for her here,", "Jim Clyburn")]


def test_verbs_of_praise_and_blame_introduce_quotes(enricher: Enricher) -> None:
    text = (
        "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized the Affordable "
        "Care Act as a “crazy system” during a presidential campaign stop in Flint, Mich.\n\n"
        "Christie, who has campaigned heavily for GOP nominee Donald Trump since he suspended "
        "his own presidential campaign in February, blasted Clinton as a “disgrace” Wednesday "
        "on The Laura Ingraham Show."
    )
    assert [s for _, s in quotes(enricher, text)] == ["Bill Clinton", "Christie"]


def test_pronoun_right_before_the_verb_is_the_subject(enricher: Enricher) -> None:
    text = (
        "Vladimir Putin has long praised Donald Trump. A few days ago in an interview with "
        "Russia’s propagandistic network RT he blasted the American media for being "
        "“unbelievably dishonest.”"
    )
    assert [s for _, s in quotes(enricher, text)] == ["Donald Trump"]


def test_a_pull_quote_signed_after_a_zero_width_joiner_is_the_signers(enricher: Enricher) -> None:
    # Wikinews interview (2020-03-08): a pull quote signed "— \u200dAparna Garg, ..." under the
    # interviewer's "((WN))" question; the invisible joiner hid the signature, and the quote
    # went to WN. The reader drops the joiner.
    text = (
        "((WN))  Has this number been improving in the past years?\n\n"
        '"More number of women getting into technical fields has been a big change."  '
        "— \u200dAparna Garg, Mysore Divisional Railway Manager\n\n"
        "((Aparna Garg))  It has improved.  It has improved, it was around seven or eight "
        "percent, over the two years it has increased."
    )
    article = enricher.enrich([article_from_dict({"text": text})])[0]
    [quote] = article.quotes
    assert quote.text == "More number of women getting into technical fields has been a big change."
    # spaCy's sm model reads the signature as one organisation, "Aparna Garg, Mysore ..."
    assert quote.speaker.startswith("Aparna Garg")
