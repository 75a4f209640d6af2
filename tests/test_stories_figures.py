"""Cutting a story by figures: two look-alike events told in the same words keep their
own figures. Reports written for these tests, in the style of wire copy; none carries a
date, so only the text can part them."""

from __future__ import annotations

from collections import Counter

from scipy import sparse

from storywire.model import Article
from storywire.stories import StoryOptions, Vectorizer
from storywire.stories.second_look import figure_groups
from storywire.stories.vectors import numbers, tfidf

# Two parliamentary elections in Korvalia, five years apart: the same commission, the
# same parliament, the same president, but their own seats, candidates, turnout and day.
FIRST = [
    ("Korvalia votes for new parliament",
     "Voters in Korvalia chose a new parliament on Sunday, with 288 candidates standing for "
     "the 125 seats of the Mejlis, the Central Election Commission said. Turnout reached "
     "93.8 percent, the commission said, and President Aran Dovletov cast his ballot in "
     "the capital Ashkent."),
    ("Turnout high in Korvalian parliamentary election",
     "The Central Election Commission put turnout at 93.8 percent in Sunday's election to "
     "the Mejlis, where 288 candidates competed for 125 seats. Observers said 2.5 million "
     "voters were registered. President Aran Dovletov promised a fair count."),
    ("Korvalia counts ballots after parliamentary poll",
     "Officials in Ashkent counted ballots on Monday after an election in which 288 "
     "candidates, all approved by the authorities, ran for the Mejlis. Some 2.5 million "
     "voters were registered and turnout was 93.8 percent, the commission said."),
    ("Critics dismiss Korvalia's one-party election",
     "Exiled opposition groups dismissed Sunday's vote for the Mejlis as a formality, "
     "saying all 288 candidates backed President Aran Dovletov. The Central Election "
     "Commission said 2.5 million voters were registered for the 125 seats."),
]
SECOND = [
    ("Korvalia to hold first two-party parliamentary election",
     "Korvalia will elect a new Mejlis on 15 December, the first election in which two "
     "parties compete, the Central Election Commission said. Some 2013 polling stations "
     "will open, and 41 foreign observers have been invited by President Aran Dovletov."),
    ("Two parties to contest Korvalian vote on 15 December",
     "The Central Election Commission registered two parties for the 15 December election "
     "to the 125-seat Mejlis, it said in Ashkent. The vote will be held at 2013 polling "
     "stations, with 41 foreign observers invited."),
    ("UN advises Korvalia on election to the Mejlis",
     "A United Nations team met the Central Election Commission in Ashkent ahead of the "
     "15 December vote for the Mejlis, where two parties will compete for the first time. "
     "The commission has invited 41 foreign observers and set up 2013 polling stations."),
    ("Korvalia sets up polling stations for parliamentary vote",
     "Korvalia has set up 2013 polling stations for the 15 December election to the "
     "Mejlis, the Central Election Commission said, and 41 observers from abroad will "
     "watch the vote. President Aran Dovletov welcomed the two-party contest."),
]
# One earthquake whose toll rose from one report to the next: a pair of figures that no
# report names together, but not several figures on each side.
QUAKE = [
    ("Strong quake shakes Meridan coast, 12 dead",
     "A magnitude 6.4 earthquake struck off the Meridan coast on Tuesday, killing 12 "
     "people and damaging hundreds of homes in the port of Salvi, officials said."),
    ("Meridan quake kills 12, damages port of Salvi",
     "At least 12 people died when a magnitude 6.4 earthquake hit the Meridan coast, "
     "collapsing homes in Salvi, the regional governor Ilse Marrow said."),
    ("Rescuers search rubble in Salvi after quake",
     "Rescuers searched collapsed homes in Salvi after Tuesday's magnitude 6.4 earthquake "
     "on the Meridan coast, which killed 12, governor Ilse Marrow said."),
    ("Meridan earthquake toll rises to 17",
     "The toll from Tuesday's magnitude 6.4 earthquake on the Meridan coast rose to 17 as "
     "rescuers pulled more bodies from the rubble in Salvi, governor Ilse Marrow said."),
    ("Salvi buries victims as quake toll reaches 17",
     "Families in Salvi buried the first victims of the magnitude 6.4 earthquake on "
     "Thursday, as the toll on the Meridan coast reached 17, officials said."),
    ("Aftershocks rattle Meridan coast, 17 confirmed dead",
     "Aftershocks rattled the Meridan coast on Thursday, two days after the magnitude 6.4 "
     "earthquake that killed 17 people in and around Salvi, governor Ilse Marrow said."),
]


def _vectors(reports: list[tuple[str, str]]
             ) -> tuple[list[sparse.csr_matrix], list[sparse.csr_matrix], list[frozenset[str]]]:
    """TF-IDF word and name vectors of the reports (the IDF over them) and their figures."""
    vectorizer = Vectorizer()
    articles = [Article(id=str(i), capture_sha256=str(i), origin=str(i), title=title,
                        paragraphs=[text]) for i, (title, text) in enumerate(reports)]
    counts = [vectorizer.vectors(a) for a in articles]
    documents: Counter[int] = Counter()
    for vectors in counts:
        documents.update(int(f) for f in vectors.terms.indices)
        documents.update(int(f) for f in vectors.names.indices)
    return ([tfidf(v.terms, documents, len(reports)) for v in counts],
            [tfidf(v.names, documents, len(reports)) for v in counts],
            [frozenset(numbers(f"{a.title}\n{a.text}")) for a in articles])


def test_two_elections_are_parted_by_their_own_figures():
    reports = [FIRST[0], SECOND[0], FIRST[1], SECOND[1], FIRST[2], SECOND[2], FIRST[3],
               SECOND[3]]
    terms, names, figures = _vectors(reports)
    options = StoryOptions()
    groups = figure_groups(terms, names, figures, options.name_weight,
                           options.split_min_size)
    assert groups is not None
    assert groups.labels == (0, 1, 0, 1, 0, 1, 0, 1)
    assert groups.ratio < options.figure_split_ratio


def test_a_rising_toll_does_not_cut_one_event():
    terms, names, figures = _vectors(QUAKE)
    options = StoryOptions()
    assert figure_groups(terms, names, figures, options.name_weight,
                         options.split_min_size) is None


def test_too_few_reports_naming_a_figure_do_not_cut():
    reports = FIRST[:2] + SECOND[:2] + FIRST[2:3]
    terms, names, figures = _vectors(reports)
    assert figure_groups(terms, names, figures, 0.4, 3) is None
