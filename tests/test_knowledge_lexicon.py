"""The lexicon: regenerated from files in Debian's formats, read back, used by questions."""

from __future__ import annotations

import gzip
from pathlib import Path

from knowledge.analysis import Analyzer
from knowledge.index import PolicyIndex
from knowledge.lexicon import DING_FILE, FREEDICT_FILE, SYNLEX_FILE, load_lexicon, pivot_votes
from knowledge.lexicon_build import build, read_ding, read_freedict, read_synlex, read_wikdict

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if not n:
            return out


def _mythes(path: Path) -> Path:
    lines = [
        "ISO-8859-1",
        "jobba|1",
        "|arbeta|knega",
        "stålar|1",
        "|pengar|medel",
        "hund|1",
        "|vovve",
    ]
    path.write_bytes("\n".join(lines).encode("iso-8859-1") + b"\n")
    return path


_ENG_SWE = [
    ("abroad", "abroad /əbrɔːd/\n1. ute\n2. utomlands, utrikes\n"),
    ("money", "money /mʌniː/\nmynt, pengar\n"),
    ("dog", "dog /dɒg/\nhund\n"),
]
# Ding's eng-deu: translations unindented, examples and notes indented.
_ENG_DEU = [
    ("to adopt", "to adopt /ədˈɒpt/\nbeschließen, verabschieden <verb>\n   Note: Gesetz\n"),
    ("board", "board /bˈɔːd/\nBrett <neut>, Tafel <fem>, Vorstand <masc>, Kost <fem>\n"),
    ("dog", "dog /dɒg/\nHund <masc>\n"),
]
# WikDict: a line of translations, then a definition in the source language.
_DEU_SWE = [
    ("beschließen", "beschließen <v>\n1. besluta\netwas entscheiden\n2. avsluta\nbeenden\n"),
    ("verabschieden", "verabschieden <v>\n1. anta, besluta\nein Gesetz beschließen\n"),
    ("vorstand", "Vorstand <n, masc>\nstyrelse\nLeitung eines Vereins\n"),
    ("brett", "Brett <n, neut>\nplanka\nein Stück Holz\n"),
]


def _dictd(prefix: Path, entries: list[tuple[str, str]] = _ENG_SWE) -> Path:
    data = b""
    index = ["00databaseinfo\tA\tB"]
    for head, body in entries:
        raw = body.encode("utf-8")
        index.append(f"{head}\t{_b64(len(data))}\t{_b64(len(raw))}")
        data += raw
    prefix.with_suffix(".dict.dz").write_bytes(gzip.compress(data))
    prefix.with_suffix(".index").write_text("\n".join(index) + "\n", encoding="utf-8")
    return prefix


def test_synlex_pairs_are_read_both_ways(tmp_path: Path) -> None:
    synonyms = read_synlex(_mythes(tmp_path / "th.dat"))
    assert synonyms["jobba"] == {"arbeta", "knega"}
    assert "jobba" in synonyms["arbeta"]
    assert synonyms["stålar"] == {"pengar", "medel"}


def test_freedict_senses_are_read(tmp_path: Path) -> None:
    translations = read_freedict(_dictd(tmp_path / "eng-swe"))
    assert translations["abroad"] == {"ute", "utomlands", "utrikes"}
    assert translations["money"] == {"mynt", "pengar"}


def test_only_what_reaches_the_texts_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    build(
        None,
        out,
        synlex_file=_mythes(tmp_path / "th.dat"),
        freedict_prefix=_dictd(tmp_path / "eng-swe"),
        ding_prefix=tmp_path / "absent",  # no eng-deu: the German files are skipped
    )
    lexicon = load_lexicon(Analyzer(), folder=out)
    analyzer = Analyzer()
    # `arbeta` and `medel` occur in the policy texts; `knega` and `vovve` do not.
    assert [t for t, _ in lexicon.swedish(analyzer.stem("jobba"))] == [(analyzer.stem("arbeta"),)]
    assert lexicon.swedish(analyzer.stem("hund")) == []
    assert lexicon.translate("dogs") == []
    assert lexicon.translate("abroad")
    kept = dict(
        line.split("\t")
        for line in (out / SYNLEX_FILE).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
    assert "knega" not in kept["jobba"] and "vovve" not in kept.get("hund", "")
    assert (out / FREEDICT_FILE).read_text(encoding="utf-8").startswith("#")


def test_a_question_word_outside_the_texts_finds_them_through_a_synonym(
    policy_index: PolicyIndex,
) -> None:
    # The texts say `beslutar`; the glossary has no entry for `bestämma`, Synlex has.
    question = "Vem bestämmer om vänorter i Motala?"
    concepts = {c.label: c for c in policy_index.analyse(question).concepts}
    readings = dict(concepts["bestämmer"].alternatives)
    assert 0 < readings[(Analyzer().stem("besluta"),)] < 1


def test_ding_and_wikdict_entries_are_read(tmp_path: Path) -> None:
    ding = read_ding(_dictd(tmp_path / "eng-deu", _ENG_DEU))
    assert ding["adopt"] == {"beschließen", "verabschieden"}
    assert ding["board"] == {"brett", "tafel", "vorstand", "kost"}
    wikdict = read_wikdict(_dictd(tmp_path / "deu-swe", _DEU_SWE))
    assert wikdict["beschließen"] == {"besluta", "avsluta"}
    assert wikdict["vorstand"] == {"styrelse"}


def test_a_swedish_word_needs_enough_of_the_german_translations() -> None:
    # `adopt`: both German words lead to `besluta`; `board`: one of four to each.
    assert pivot_votes(2, [["besluta", "avsluta"], ["anta", "besluta"]])[0] == ("besluta", 2)
    assert pivot_votes(4, [["planka"], [], ["styrelse"], []]) == []


def test_english_words_are_translated_through_german(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    build(
        None,
        out,
        synlex_file=_mythes(tmp_path / "th.dat"),
        freedict_prefix=_dictd(tmp_path / "eng-swe"),
        ding_prefix=_dictd(tmp_path / "eng-deu", _ENG_DEU),
        deu_swe=_dictd(tmp_path / "deu-swe", _DEU_SWE),
        swe_deu=_dictd(tmp_path / "swe-deu", []),
    )
    assert (out / DING_FILE).read_text(encoding="utf-8").startswith("#")
    lexicon = load_lexicon(Analyzer(), folder=out)
    readings = dict(lexicon.translate_further("adopted"))
    assert readings[(Analyzer().stem("besluta"),)] == lexicon.pivot_credit
    assert lexicon.translate_further("board") == []  # too many senses for one vote
