"""Person names that name something else: a rank or a trade kept as part of a name, a thing
named after someone (an award, a post, a building), an actor's part, a work's title, a
street. The sentences are from ECB+ dev-topic articles of the people check and from
PolNeAR's train texts (real news; neither is the people check's test split)."""

from __future__ import annotations

from storywire.understand.entities import name_tokens

from conftest import people_named


def test_ranks_and_trades_are_titles_of_a_name():
    assert name_tokens("Deputy D. A. Lowell Anger") == ["Lowell", "Anger"]
    assert name_tokens("Cornerback Vontae Davis") == ["Vontae", "Davis"]
    assert name_tokens("Dep. Ortiz") == ["Ortiz"]


def test_a_rank_or_trade_inside_a_name_leaves_out_whose_it_is():
    assert name_tokens("Colts QB Tomas Bellweather") == ["Tomas", "Bellweather"]
    assert name_tokens("Kicker Dale Orrinson") == ["Dale", "Orrinson"]
    assert name_tokens("Pensioner Halina Drozd") == ["Halina", "Drozd"]
    assert name_tokens("Martin Luther King Jr.") == ["Martin", "Luther", "King", "Jr."]


def test_a_team_and_a_position_before_a_name_are_no_part_of_the_person(understander):
    text = ("Late in the game, Colts QB Tomas Bellweather found his tight end in the corner "
            "of the end zone.")
    assert people_named(understander.understand(text)) == {"Tomas Bellweather"}
    text = "Kicker Dale Orrinson showed his nerve by nailing a 51-yard field goal."
    assert people_named(understander.understand(text)) == {"Dale Orrinson"}
    text = 'Pensioner Halina Drozd, a voter in the capital, said: "I remember the old days."'
    assert people_named(understander.understand(text)) == {"Halina Drozd"}


def test_a_rank_before_a_surname_merges_with_the_full_name(understander):
    text = ("A Superior Court jurty in Norwalk today convicted a Hawaiian Gardens gang member "
            "of murdering L. A. County Sheriff's Deputy Jerry Ortiz in June, 2005.\n\n"
            "Dep. Ortiz is the fifth Lakewood Sheriff Deputy slain while on duty... and his "
            "name is now inscribed on the Memorial Wall outside the LASD station on Clark Ave.")
    found = understander.understand(text)
    assert people_named(found) == {"Jerry Ortiz"}  # and "Clark Ave" is a street


def test_a_name_opened_by_a_rank_is_a_person_s(understander):
    text = ("Cornerback Vontae Davis recorded his first interception in a Colts uniform.")
    assert people_named(understander.understand(text)) == {"Vontae Davis"}
    text = ("Next week, the same jury will begin hearing evidence in the trial's penalty phase "
            "in which Deputy D. A. Lowell Anger of the Crimes Against Police Officers Section "
            "(CAPOS) will seek the death penalty.")
    assert people_named(understander.understand(text)) == {"Lowell Anger"}


def test_a_name_in_an_award_or_a_post_named_after_someone_is_no_person(understander):
    text = ("The former USC running back and Heisman Trophy winner also missed the final four "
            "games of the 2007 season.")
    assert people_named(understander.understand(text)) == set()
    text = ('"They have vested interests in the implementation of a project," said Stuart '
            "Pimm, Doris Duke Professor of Conservation Ecology at Duke University.")
    assert people_named(understander.understand(text)) == {"Stuart Pimm"}


def test_a_name_in_a_building_or_a_fund_named_after_someone_is_no_person(understander):
    text = ("Mr. Obama and Mr. Netanyahu first met in 2007 when their aides hastily arranged a "
            "chat at Ronald Reagan Washington National Airport, in a janitor's office.")
    assert "Ronald Reagan" not in people_named(understander.understand(text))
    text = ("In lieu of flowers, please send contributions to the Ruth Leff Siegel Awards Fund "
            "at the Pancreas Center at Columbia University Medical Center.")
    assert people_named(understander.understand(text)) == set()


def test_the_role_an_actor_takes_is_a_character_s_and_a_person_s_role_is_not(understander):
    text = ('He appeared in "World War Z"(ironically, in the role of W. H. O. Doctor) and has '
            'a part in the upcoming"Maleficent, " starring Angelina Jolie.')
    assert people_named(understander.understand(text)) == {"Angelina Jolie"}
    text = ("Inslee noted the role of the late Sen. Henry Jackson, D-Wash., who backed oil "
            "development in the Arctic and helped write the Endangered Species Act.")
    assert "Henry Jackson" in people_named(understander.understand(text))


def test_a_name_in_a_work_s_title_is_no_person_but_a_host_s_show_names_him(understander):
    text = ("Multiple news reports and a detailed account from Breitbart News’ editor Peter "
            "Schweizer’s book Clinton Cash, reveal there was more than “one or two "
            "instances.”")
    assert people_named(understander.understand(text)) == {"Peter Schweizer"}
    text = ("Timothy O'Brien, whose 2005 book ''TrumpNation: The Art of Being the Donald,'' "
            "prompted a $5 billion, ultimately unsuccessful, defamation lawsuit from Mr. "
            "Trump, contacted his publisher last summer.")
    people = people_named(understander.understand(text))
    assert "Trump" in people and not any("Donald" in name for name in people)
    text = ('Sanders said on ABC\'s "This Week With George Stephanopoulos" that he would "take '
            'a look" at such legislation.')
    assert "George Stephanopoulos" in people_named(understander.understand(text))


def test_a_name_a_word_for_an_animal_or_a_vessel_sets_is_no_person(understander):
    text = "The coastguard escorted the cargo vessel Marta Sorensen into harbour on Tuesday."
    assert people_named(understander.understand(text)) == set()
    text = "Their pet labrador, Molly, had barked for an hour before neighbours called police."
    assert people_named(understander.understand(text)) == set()
    text = "The pet owner, Janet Ferris, said she had warned the council about the dogs."
    assert people_named(understander.understand(text)) == {"Janet Ferris"}
