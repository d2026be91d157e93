"""Recommendations grouped per organisation: one card per company, whom to meet, which colleagues too."""

from missionmatch.matching.company_cards import CompanyCard, PersonMatch, company_cards

ME, COLLEAGUE, OTHER_TEAM = 1, 2, 3
HANSHIN, KANSAI = 10, 20


def test_three_representatives_of_one_company_give_one_card_naming_them_best_first() -> None:
    matches = [
        PersonMatch(ME, 101, HANSHIN, 0.7, 2),
        PersonMatch(ME, 102, HANSHIN, 0.9, 1),
        PersonMatch(ME, 201, KANSAI, 0.5, 3),
        PersonMatch(ME, 103, HANSHIN, 0.4, 4),
        PersonMatch(COLLEAGUE, 101, HANSHIN, 0.6, 1),
        PersonMatch(OTHER_TEAM, 201, KANSAI, 0.8, 1),  # not the viewer's colleague: the caller leaves it out
    ]
    cards = company_cards(ME, [m for m in matches if m.participant != OTHER_TEAM])
    assert cards == [
        CompanyCard(HANSHIN, matches[1], (102, 101, 103), (COLLEAGUE,)),
        CompanyCard(KANSAI, matches[2], (201,), ()),
    ]


def test_no_recommendation_of_ones_own_gives_no_card() -> None:
    assert company_cards(ME, [PersonMatch(COLLEAGUE, 101, HANSHIN, 0.6, 1)]) == []
