"""Forgiving matching of countries, kinds, areas, dates and departments."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.features.contacts import vocabulary as v
from bot.kernel.config import Settings
from knowledge.index import PolicyIndex

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    "text", ["tyskland", "Tyskland", "Germany", "DE", "de", "DEU", "Tyskaland", "Deutschland"]
)
def test_germany_in_every_form(text: str) -> None:
    assert v.match_country(text).key == "DE"


@pytest.mark.parametrize(
    ("text", "code"),
    [("Holland", "NL"), ("England", "GB"), ("USA", "US"), ("Ryssland", "RU"),
     ("Estlnd", "EE"), ("finland", "FI"), ("Österrike", "AT"), ("osterrike", "AT")],
)  # fmt: skip
def test_common_swedish_forms_and_typos(text: str, code: str) -> None:
    assert v.match_country(text).key == code


def test_an_unknown_country_gives_the_three_nearest() -> None:
    found = v.match_country("Narnia")
    assert not found.ok and len(found.nearest) == 3
    assert all(len(code) == 2 for code in found.nearest)
    assert v.match_country("Tysklamd Narnia").nearest[0] == "DE"
    assert not v.match_country("XX").ok


def test_country_names_in_both_languages() -> None:
    assert v.country_name("DE", "sv") == "Tyskland"
    assert v.country_name("DE", "en") == "Germany"
    assert v.country_name("GB", "sv") == "Storbritannien"
    assert v.country_name("ZZ", "sv") == "ZZ"
    assert ("SE", "Sverige") in v.country_options("sv")


@pytest.mark.parametrize(
    ("text", "key"),
    [("vänort", "twin_town"), ("vanort", "twin_town"), ("twin town", "twin_town"),
     ("EU-projekt", "eu_project"), ("nätverksmöte", "network"), ("Konferens", "conference"),
     ("studiebesok", "study_visit"), ("besök", "delegation"), ("annat", "other"),
     ("konferans", "conference")],
)  # fmt: skip
def test_kinds(text: str, key: str) -> None:
    assert v.match_kind(text).key == key


def test_kind_labels_and_an_unknown_kind() -> None:
    assert v.kind_label("twin_town", "sv") == "Vänort"
    assert v.kind_label("twin_town", "en") == "Twin town"
    assert set(v.KINDS) == {
        "twin_town", "eu_project", "network", "conference", "study_visit", "delegation", "other"
    }  # fmt: skip
    assert not v.match_kind("fest").ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03-12", dt.date(2026, 3, 12)), ("idag", TODAY), ("i dag", TODAY),
     ("today", TODAY), ("igår", dt.date(2026, 11, 21)), ("igar", dt.date(2026, 11, 21)),
     ("yesterday", dt.date(2026, 11, 21)), ("12 mars 2026", dt.date(2026, 3, 12)),
     ("12 march 2026", dt.date(2026, 3, 12)), ("March 12, 2026", dt.date(2026, 3, 12)),
     ("12/3/2026", dt.date(2026, 3, 12)), ("1 maj", dt.date(2026, 5, 1)),
     ("31 feb 2026", None), ("snart", None), ("", None)],
)  # fmt: skip
def test_dates(text: str, expected: dt.date | None) -> None:
    assert v.parse_date(text, TODAY) == expected


def test_departments_fold_and_do_not_merge_different_names() -> None:
    existing = [(1, "Kulturförvaltningen"), (2, "Socialförvaltningen")]
    assert v.match_department("kulturforvaltningen", existing).key == "1"
    assert v.match_department("Kultur förvaltningen", existing).key == "1"
    assert v.match_department("Kulturförvaltnigen", existing).key == "1"
    assert not v.match_department("Skolförvaltningen", existing).ok
    assert not v.match_department("Kultur- och fritidsförvaltningen", existing).ok
    assert not v.match_department("kultur", existing).ok
    assert v.match_department("kultur", existing, prefix=True).key == "1"
    numbered = [(1, "Enhet 01"), (2, "Skolförvaltningen")]
    assert not v.match_department("Enhet 02", numbered).ok
    assert v.match_department("enhet01", numbered).key == "1"


def test_strategic_areas_from_the_policy_or_generic(policy_index: PolicyIndex) -> None:
    falkoping = v.strategic_areas(Settings(municipality="Falköping"), policy_index)
    assert [key for key, _ in falkoping] == ["kompetens", "information", "projekt", "natverk"]
    assert v.strategic_areas(Settings(), policy_index) == list(v.GENERIC_AREAS)
    assert v.match_area("kompetens", falkoping).key == "kompetens"
    assert v.match_area("nätverk", falkoping).key == "natverk"
    assert v.match_area("Informationsinsatser", falkoping).key == "information"
    assert not v.match_area("sport", falkoping).ok
    assert v.area_label("projekt", falkoping).startswith("Internationella")
