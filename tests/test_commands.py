"""The text-command grammars of /kontakt and /natverk."""

from __future__ import annotations

import pytest

from bot.features.contacts import grammar as c
from bot.features.network import grammar as n


def test_new_with_swedish_fields() -> None:
    command = c.parse_contact(
        "ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; typ: vänort; "
        "beskrivning: Skolutbyte åk 8; unga: ja; finansiering: 45 000 SEK Erasmus+; "
        "uppföljning: Återbesök; område: kompetens, nätverk; deltagare: 25; stad: Wetzlar"
    )
    assert command == c.NewContact(
        fields={
            "date": "2026-03-12", "partner": "Stadt Wetzlar", "country": "Tyskland",
            "kind": "vänort", "description": "Skolutbyte åk 8", "youth": "ja",
            "funding": "45 000 SEK Erasmus+", "follow_up": "Återbesök",
            "areas": "kompetens, nätverk", "participants": "25", "city": "Wetzlar",
        }
    )  # fmt: skip


def test_english_fields_and_folded_names() -> None:
    command = c.parse_contact("new date: today; country: DE; type: other; follow-up: x; omrade: y")
    assert isinstance(command, c.NewContact)
    assert command.fields == {
        "date": "today", "country": "DE", "kind": "other", "follow_up": "x", "areas": "y"
    }  # fmt: skip


def test_a_semicolon_inside_a_value_is_kept() -> None:
    command = c.parse_contact("ny beskrivning: första; andra delen: med kolon; land: SE")
    assert isinstance(command, c.NewContact)
    assert command.fields["description"] == "första; andra delen: med kolon"
    assert command.fields["country"] == "SE"


def test_an_unknown_field_is_a_usage_error() -> None:
    with pytest.raises(c.UsageError) as error:
        c.parse_contact("ny färg: blå")
    assert error.value.problem == "command.unknown_field"
    assert error.value.values == {"field": "färg"}
    assert error.value.usage == "contact.usage.new"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", c.OpenForm()),
        ("lista", c.ListContacts()),
        ("list 2026-T1", c.ListContacts(period="2026-T1")),
        (
            "lista förvaltning Kultur förvaltningen",
            c.ListContacts(department="Kultur förvaltningen"),
        ),
        ("lista 2026 department Culture", c.ListContacts(period="2026", department="Culture")),
        ("visa 12", c.ShowContact(contact_id=12)),
        ("show #12", c.ShowContact(contact_id=12)),
        ("ändra 12; datum: igår", c.EditContact(contact_id=12, fields={"date": "igår"})),
        ("andra 12 deltagare: 3", c.EditContact(contact_id=12, fields={"participants": "3"})),
        (
            "edit 7; unga: nej; land: FI",
            c.EditContact(contact_id=7, fields={"youth": "nej", "country": "FI"}),
        ),
        ("ta bort 5", c.DeleteContact(contact_id=5)),
        ("delete 5", c.DeleteContact(contact_id=5)),
        ("remove 5", c.DeleteContact(contact_id=5)),
    ],
)
def test_contact_commands(text: str, expected: c.ContactCommand) -> None:
    assert c.parse_contact(text) == expected


@pytest.mark.parametrize(
    ("text", "usage", "problem"),
    [
        ("hoppa", "contact.usage", "command.unknown_action"),
        ("visa", "contact.usage.show", "command.need_id"),
        ("visa tolv", "contact.usage.show", "command.need_id"),
        ("ändra 12", "contact.usage.edit", "command.need_fields"),
        ("ta bort 5 6", "contact.usage.delete", "command.unknown_word"),
        ("ny", "contact.usage.new", "command.need_fields"),
        ("lista förvaltning", "contact.usage.list", "command.need_department"),
        ("lista igår", "contact.usage.list", "command.unknown_word"),
    ],
)
def test_contact_usage_errors(text: str, usage: str, problem: str) -> None:
    with pytest.raises(c.UsageError) as error:
        c.parse_contact(text)
    assert (error.value.usage, error.value.problem) == (usage, problem)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("representant <@U123> Kulturförvaltningen",
         n.RegisterRepresentative(user="U123", department="Kulturförvaltningen")),
        ("rep <@U123|anna b> Kultur- och fritidsförvaltningen",
         n.RegisterRepresentative(user="U123", department="Kultur- och fritidsförvaltningen",
                                  display_name="anna b")),
        ("representative @anna Culture",
         n.RegisterRepresentative(user="anna", department="Culture")),
        ("ta bort <@U123>", n.RemoveRepresentative(user="U123")),
        ("remove U123", n.RemoveRepresentative(user="U123")),
        ("lista", n.ListNetwork()),
        ("", n.ListNetwork()),
        ("export <@U1>", n.ExportData(user="<@U1>")),
    ],
)  # fmt: skip
def test_network_commands(text: str, expected: n.NetworkCommand) -> None:
    assert n.parse_network(text) == expected


@pytest.mark.parametrize(
    ("text", "usage"),
    [("rep U1", "network.usage.rep"), ("ta bort", "network.usage.remove"),
     ("ta bort U1 U2", "network.usage.remove"), ("kasta U1", "network.usage")],
)  # fmt: skip
def test_network_usage_errors(text: str, usage: str) -> None:
    with pytest.raises(n.UsageError) as error:
        n.parse_network(text)
    assert error.value.usage == usage


def test_mentions_are_normalised() -> None:
    assert n.normalise_user("<@U1>") == ("U1", None)
    assert n.normalise_user("<@U1|anna>") == ("U1", "anna")
    assert n.normalise_user("@anna") == ("anna", None)
