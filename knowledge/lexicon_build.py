"""Regenerate the filtered lexicon files in knowledge/lexicon/ from Debian's packages.

    apt-get install mythes-sv dict-freedict-eng-swe \\
        dict-freedict-eng-deu dict-freedict-deu-swe dict-freedict-swe-deu
    python -m knowledge.lexicon_build [--texts DIR]

Only what can reach the policy texts is kept: a Synlex synonym pair when one of its words
occurs in the texts (or the glossary), an English headword when one of its Swedish
translations does (directly, or through German: Ding's eng-deu and WikDict's deu-swe).
Run it again when a municipality adds its text, so that the words of the new text get
their synonyms and translations. Nothing here runs at start-up: the bot
reads only the files this writes.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from knowledge.analysis import SV_STOPWORDS, Analyzer, fold, known_words, tokens
from knowledge.documents import load_texts
from knowledge.glossary import load_glossary
from knowledge.lexicon import (
    DING_FILE,
    FREEDICT_FILE,
    LEXICON_DIR,
    SYNLEX_FILE,
    WIKDICT_FILE,
    pivot_votes,
)

SYNLEX = Path("/usr/share/mythes/th_sv_SE_v2.dat")
FREEDICT = Path("/usr/share/dictd/freedict-eng-swe")
# English -> German (Ding) and German <-> Swedish (WikDict, from Wiktionary): far larger
# than eng-swe, read through German when eng-swe lacks a word.
ENG_DEU = Path("/usr/share/dictd/freedict-eng-deu")
DEU_SWE = Path("/usr/share/dictd/freedict-deu-swe")
SWE_DEU = Path("/usr/share/dictd/freedict-swe-deu")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_NUMBERED = re.compile(r"^\d+\.\s*")
_SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*|\s+\d+\.\s*$")
_MARKUP = re.compile(r"<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\([^)]*\)")


def _b64(text: str) -> int:
    n = 0
    for ch in text:
        n = n * 64 + _B64.index(ch)
    return n


def read_synlex(path: Path = SYNLEX) -> dict[str, set[str]]:
    """Synonym sets by word, made symmetric (the MyThes file lists each pair once)."""
    lines = path.read_text(encoding="iso-8859-1").splitlines()[1:]  # first line: encoding
    pairs: dict[str, set[str]] = defaultdict(set)
    i = 0
    while i < len(lines):
        head, count = lines[i].rsplit("|", 1)
        for line in lines[i + 1 : i + 1 + int(count)]:
            for word in line.split("|")[1:]:
                if word and word != head:
                    pairs[head.lower()].add(word.lower())
                    pairs[word.lower()].add(head.lower())
        i += 1 + int(count)
    return pairs


def read_freedict(prefix: Path = FREEDICT) -> dict[str, set[str]]:
    """English headword -> Swedish translations (dictd format: index and gzipped data)."""
    data = gzip.decompress(prefix.with_suffix(".dict.dz").read_bytes())
    out: dict[str, set[str]] = defaultdict(set)
    for line in prefix.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if head.startswith("00"):
            continue
        body = data[_b64(offset) : _b64(offset) + _b64(length)].decode("utf-8")
        for sense in body.splitlines()[1:]:  # the first line is the headword and its IPA
            for word in _NUMBERED.sub("", sense).split(","):
                if word.strip():
                    out[head.lower()].add(word.strip().lower())
    return out


def _entries(prefix: Path) -> Iterable[tuple[str, list[str]]]:
    """(headword, lines of its entry) of a dictd dictionary."""
    data = gzip.decompress(prefix.with_suffix(".dict.dz").read_bytes())
    for line in prefix.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if not head.startswith("00"):
            yield head, data[_b64(offset) : _b64(offset) + _b64(length)].decode("utf-8").split("\n")


def read_ding(prefix: Path = ENG_DEU) -> dict[str, set[str]]:
    """English word -> German translations (lower-cased), from FreeDict's Ding import:
    the translations are the unindented lines after the headword (examples, notes and
    cross-references are indented), with their gender and domain marks dropped."""
    out: dict[str, set[str]] = defaultdict(set)
    for head, lines in _entries(prefix):
        word = head.removeprefix("to ").lower()
        if " " in word:
            continue
        for line in lines[1:]:
            if line and not line.startswith((" ", '"')):
                out[word].update(
                    w.strip().lower() for w in re.split(r"[,;]", _MARKUP.sub("", line)) if w.strip()
                )
    return out


def read_wikdict(prefix: Path) -> dict[str, set[str]]:
    """Headword -> translations of a FreeDict WikDict dictionary, whose senses alternate
    a line of translations (`1. kommun, menighet`) with a definition in the source language."""
    out: dict[str, set[str]] = defaultdict(set)
    for head, lines in _entries(prefix):
        body = [line for line in lines[1:] if line.strip()]
        for line in body[0::2]:
            clean = _MARKUP.sub("", _SENSE_NUMBER.sub("", _SENSE_NUMBER.sub("", line)))
            out[head.lower()].update(w.strip() for w in clean.split(",") if w.strip())
    return out


def german_swedish(
    german_swedish: dict[str, set[str]], swedish_german: dict[str, set[str]]
) -> dict[str, set[str]]:
    """German word -> Swedish words, through deu-swe and backwards through swe-deu."""
    out: dict[str, set[str]] = defaultdict(set)
    for german, words in german_swedish.items():
        out[german].update(w.lower() for w in words)
    for word, germans in swedish_german.items():
        for german in germans:
            out[german.lower()].add(word.lower())
    return out


class _Vocabulary:
    """Stems of the policy texts and the glossary: what an expansion must reach."""

    def __init__(self, texts_dir: Path | None) -> None:
        self._analyzer = Analyzer()
        texts = load_texts(texts_dir)
        words = known_words(t.body for t in texts) | load_glossary(self._analyzer).words
        self._stems = {self._analyzer.stem(w) for w in words if w not in SV_STOPWORDS}

    def content(self, phrase: str) -> list[str]:
        return [
            self._analyzer.stem(f)
            for f in (fold(t) for t in tokens(phrase))
            if f not in SV_STOPWORDS
        ]

    def reaches(self, phrase: str) -> bool:
        stems = self.content(phrase)
        return bool(stems) and all(s in self._stems for s in stems)


def _write(path: Path, header: str, rows: Iterable[tuple[str, list[str]]]) -> int:
    lines = [f"{key}\t{'|'.join(values)}" for key, values in rows if values]
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def build(
    texts_dir: Path | None,
    out_dir: Path = LEXICON_DIR,
    *,
    synlex_file: Path = SYNLEX,
    freedict_prefix: Path = FREEDICT,
    ding_prefix: Path = ENG_DEU,
    deu_swe: Path = DEU_SWE,
    swe_deu: Path = SWE_DEU,
) -> None:
    vocabulary = _Vocabulary(texts_dir)
    synlex = read_synlex(synlex_file)
    rows = []
    for word in sorted(synlex):
        if len(tokens(word)) != 1 or not vocabulary.content(word):
            continue  # a phrase or a function word as the key: questions are read by word
        own = vocabulary.content(word)
        rows.append(
            (
                word,
                sorted(
                    s
                    for s in synlex[word]
                    if vocabulary.reaches(s) and vocabulary.content(s) != own
                ),
            )
        )
    n = _write(
        out_dir / SYNLEX_FILE,
        "# Filtered from Synlex (th_sv_SE_v2.dat, Debian mythes-sv); see NOTICE-synlex.txt.\n"
        "# word<TAB>synonyms that occur in the policy texts; regenerate with\n"
        "# python -m knowledge.lexicon_build\n",
        rows,
    )
    print(f"{SYNLEX_FILE}: {n} words")
    freedict = read_freedict(freedict_prefix)
    rows = [
        (head, sorted(sv for sv in freedict[head] if vocabulary.reaches(sv)))
        for head in sorted(freedict)
        if len(head.split()) == 1
    ]
    n = _write(
        out_dir / FREEDICT_FILE,
        "# Filtered from FreeDict eng-swe 0.2 (Debian dict-freedict-eng-swe), GPL-2.0-or-later;\n"
        "# see NOTICE-freedict.txt. English<TAB>Swedish translations that occur in the\n"
        "# policy texts; regenerate with python -m knowledge.lexicon_build\n",
        rows,
    )
    print(f"{FREEDICT_FILE}: {n} headwords")
    if not all(p.with_suffix(".index").exists() for p in (ding_prefix, deu_swe, swe_deu)):
        print(f"{DING_FILE}, {WIKDICT_FILE}: skipped (apt-get install {' '.join(PIVOT_PACKAGES)})")
        return
    # Two files, each from one source (Ding is GPL-3+, WikDict CC BY-SA 3.0), composed
    # when a question needs them: German words that lead to the texts' Swedish words...
    to_swedish = german_swedish(read_wikdict(deu_swe), read_wikdict(swe_deu))
    wikdict = {
        german: sorted(sv for sv in swedish if vocabulary.reaches(sv))
        for german, swedish in to_swedish.items()
    }
    wikdict = {german: swedish for german, swedish in wikdict.items() if swedish}
    # ...and English words with the German translations that carry a kept vote.
    ding_rows = []
    for word, germans in sorted(read_ding(ding_prefix).items()):
        if not word.isalpha() or not word.isascii():
            continue
        kept = {sv for sv, _ in pivot_votes(len(germans), [wikdict.get(g, []) for g in germans])}
        useful = sorted(g for g in germans if kept & set(wikdict.get(g, ())))
        if useful:
            ding_rows.append((f"{word}\t{len(germans)}", useful))
    used = {g for _, germans in ding_rows for g in germans}
    n = _write(
        out_dir / DING_FILE,
        "# Filtered from FreeDict eng-deu (Ding 1.9, Debian dict-freedict-eng-deu), GPL-3.0-or-\n"
        "# later; see NOTICE-ding.txt. English<TAB>how many German translations Ding has<TAB>\n"
        "# those that lead to words of the policy texts through wikdict_de_sv.tsv;\n"
        "# regenerate with python -m knowledge.lexicon_build\n",
        ding_rows,
    )
    print(f"{DING_FILE}: {n} English words")
    n = _write(
        out_dir / WIKDICT_FILE,
        "# Filtered from FreeDict deu-swe and swe-deu (WikDict, from Wiktionary; Debian\n"
        "# dict-freedict-deu-swe, dict-freedict-swe-deu), CC BY-SA 3.0; see NOTICE-wikdict.txt.\n"
        "# German<TAB>Swedish translations that occur in the policy texts; regenerate with\n"
        "# python -m knowledge.lexicon_build\n",
        ((g, wikdict[g]) for g in sorted(used)),
    )
    print(f"{WIKDICT_FILE}: {n} German words")


PIVOT_PACKAGES = ("dict-freedict-eng-deu", "dict-freedict-deu-swe", "dict-freedict-swe-deu")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.lexicon_build", description=__doc__)
    parser.add_argument("--texts", type=Path, help="folder of policy texts (bundled)")
    args = parser.parse_args(argv)
    missing = [p for p in (SYNLEX, FREEDICT.with_suffix(".index")) if not p.exists()]
    if missing:
        print("missing: " + ", ".join(map(str, missing)))
        print("apt-get install mythes-sv dict-freedict-eng-swe")
        return 1
    build(args.texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
