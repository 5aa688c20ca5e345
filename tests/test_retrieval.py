"""Retrieval: municipality detection, abstention, both languages, citations, new texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.index import PolicyIndex, load_index

DATA = Path(__file__).parent / "data"


def _fold(text: str) -> str:
    return " ".join(text.split())


# --- municipality -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "municipality"),
    [
        ("Vem ansvarar för vänorterna i Falu kommun?", "Falun"),
        ("Vem samordnar nätverket i Falun?", "Falun"),
        ("Vilka är Götenes externa mål?", "Götene"),
        ("vem har utvecklingsansvaret i Kungalv", "Kungälv"),
        ("Vad säger Falköpings policy om EU?", "Falköping"),
        ("Who signs cooperation agreements in Motala?", "Motala"),
    ],
)
def test_the_municipality_is_taken_from_the_question(
    policy_index: PolicyIndex, question: str, municipality: str
) -> None:
    result = policy_index.search(question)
    assert result.municipality == municipality
    assert all(hit.passage.municipality == municipality for hit in result.hits)


def test_the_default_municipality_applies_when_the_question_names_none(
    policy_index: PolicyIndex,
) -> None:
    result = policy_index.search("Vem tecknar samarbetsavtal?", municipality="Motala")
    assert result.municipality == "Motala"
    assert result.answered
    assert "tecknar samarbetsavtal" in result.hits[0].passage.text


def test_a_named_municipality_beats_the_default(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Vem ansvarar för vänorterna i Falun?", municipality="Motala")
    assert result.municipality == "Falun"


def test_without_municipality_all_policies_are_searched(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Vad är ett demokratiberedningens uppdrag för vänort?")
    assert result.municipality is None
    assert result.hits and result.hits[0].passage.municipality == "Kungälv"


def test_a_municipality_without_a_policy_is_not_answered_from_another(
    policy_index: PolicyIndex,
) -> None:
    result = policy_index.search("Vad säger Borås kommuns policy om vänorter?")
    assert not result.answered
    assert result.hits == []


# --- abstention -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Hur många invånare har Götene kommun?",
        "How do I book a meeting room at Kungälv town hall?",
        "Vilket diarienummer har Falu kommuns policy?",  # Falun's text states none
        "Vem är kontaktperson för Motalas policy?",  # only Götene names one
        "Vilka öppettider har biblioteket i Götene?",
    ],
)
def test_the_engine_says_so_when_the_texts_do_not_answer(
    policy_index: PolicyIndex, question: str
) -> None:
    result = policy_index.search(question)
    assert not result.answered
    assert result.tier in ("suggest", "none")


def test_confidence_is_high_for_a_plain_answer(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Vilket diarienummer har Kungälvs internationella policy?")
    assert result.answered
    assert result.confidence > 0.8
    assert "KS2019/1537" in result.hits[0].passage.text


# --- languages --------------------------------------------------------------------------


def test_a_swedish_question_is_answered_in_swedish(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Vem tecknar samarbetsavtal i Motala?")
    assert result.language == "sv"
    assert "tecknar samarbetsavtal och ingår kommunalt partnerskap" in result.hits[0].passage.text


def test_an_english_question_gets_the_swedish_quote(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Who decides on twin town agreements in Motala?")
    assert result.language == "en"
    assert result.answered
    assert "vänortsavtal" in result.hits[0].passage.text


def test_english_governance_terms_map_to_swedish(policy_index: PolicyIndex) -> None:
    result = policy_index.search("What is the executive board responsible for in Falun?")
    assert result.answered
    assert "Kommunstyrelsen ansvarar" in result.hits[0].passage.text
    annual = policy_index.search("Where is the annual report on international work sent in Falun?")
    assert "årlig rapport" in annual.hits[0].passage.text


# --- citations ----------------------------------------------------------------------------


def test_citations_carry_municipality_document_and_section(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Hur följs det internationella arbetet upp i Falun?")
    top = result.hits[0].passage
    assert top.municipality == "Falun"
    assert top.document.title.startswith("Policy och riktlinjer för Falu kommuns")
    assert top.section == "Uppföljning och utvärdering av arbetet"
    assert top.passage_id.startswith("falun-")


def test_the_document_data_is_a_quotable_passage(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Vilken instans har beslutat om Motalas policy?")
    assert "Beslutsinstans: Kommunfullmäktige" in result.hits[0].passage.text


def test_front_matter_reaches_the_documents(policy_index: PolicyIndex) -> None:
    documents = {d.municipality: d for d in policy_index.documents}
    assert set(documents) == {"Falköping", "Falun", "Götene", "Kungälv", "Motala"}
    assert documents["Kungälv"].reference == "KS2019/1537"
    assert documents["Motala"].adopted == "2016-02-08"
    assert documents["Falun"].reference is None
    keys = [key for key, _ in documents["Falköping"].strategic_areas]
    assert keys == ["kompetens", "information", "projekt", "natverk"]
    assert all(d.strategic_areas for d in documents.values())


def test_a_table_of_contents_is_no_passage(policy_index: PolicyIndex) -> None:
    assert not any("Innehåll" in p.text for p in policy_index.passages)


# --- new texts --------------------------------------------------------------------------


def test_a_text_dropped_into_the_folder_is_picked_up(tmp_path: Path) -> None:
    (tmp_path / "alingsas.md").write_text(
        "---\nmunicipality: Alingsås\ntitle: Internationell strategi\n"
        "reference: KS 2024/12\n---\n\n# Internationell strategi\n\n"
        "## Vänorter\n\nAlingsås kommun ska ha högst tre vänorter i Europa.\n",
        encoding="utf-8",
    )
    index = load_index(tmp_path)
    assert [d.municipality for d in index.documents] == ["Alingsås"]
    result = index.search("Hur många vänorter får Alingsås ha?")
    assert result.answered
    assert result.municipality == "Alingsås"
    assert "högst tre vänorter" in result.hits[0].passage.text
    assert result.hits[0].passage.section == "Vänorter"
