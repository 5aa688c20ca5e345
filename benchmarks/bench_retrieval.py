"""Retrieval benchmark: index build time, per-question latency (p50/p99) and peak memory,
on the bundled policies and on a generated corpus of 1,000 policy-like documents
(about 50,000 passages), beside bm25s on the same passages in the same run.

Figures are printed, never asserted. The generated corpus is deterministic: a seeded
word-bigram chain over the bundled texts and the glossary, written as Markdown files to a
temporary folder so the index is built through its real loading path.
"""

from __future__ import annotations

import itertools
import json
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from knowledge.analysis import tokens
from knowledge.documents import BUNDLED_TEXTS, load_texts
from knowledge.index import PolicyIndex, load_index

SEED = 20260312
DOCUMENTS = 1000
SECTIONS_PER_DOCUMENT = 10
PASSAGES_PER_SECTION = 5
REPEAT = 5
EVAL_FILE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_questions.json"
HELDOUT_DIR = Path(__file__).resolve().parents[1] / "tests" / "data"

_PREFIXES = """Ny Väst Öst Norr Söder Berg Dal Sjö Ås Lin Mal Sunds Ek Björk Gran Hög Lång
Strand Vik Hammar Ljung Torp Kvarn Bro Hem Fors Mark Sten Kall Varm""".split()  # noqa: SIM905
_SUFFIXES = """köping stad by vik sund hamn dal berg torp ås holm fors näs ryd bo lunda
måla tuna sala vall hult""".split()  # noqa: SIM905


def _questions() -> list[str]:
    questions = []
    for path in (EVAL_FILE, *sorted(HELDOUT_DIR.glob("heldout_questions*.json"))):
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            questions += [it["q"] for group in data.values() for it in group]
    return questions or ["Vem ansvarar för vänortssamarbetet?", "Who signs cooperation agreements?"]


def _chain(texts: list[str]) -> dict[str, list[str]]:
    chain: dict[str, list[str]] = {}
    for text in texts:
        words = text.split()
        for a, b in itertools.pairwise(words):
            chain.setdefault(a, []).append(b)
    return chain


def _sentence(rng: random.Random, chain: dict[str, list[str]], starts: list[str]) -> str:
    word = rng.choice(starts)
    out = [word]
    for _ in range(rng.randint(8, 24)):
        following = chain.get(word)
        if not following:
            break
        word = rng.choice(following)
        out.append(word)
    text = " ".join(out).rstrip(",;:")
    return text if text.endswith(".") else text + "."


def generate_corpus(folder: Path, *, documents: int = DOCUMENTS, seed: int = SEED) -> int:
    """Write `documents` policy-like Markdown files (the bundled ones among them); returns
    the number of generated files."""
    rng = random.Random(seed)
    bodies = [t.body for t in load_texts()]
    lines = [line.strip("-# ") for body in bodies for line in body.splitlines() if line.strip()]
    chain = _chain(lines)
    starts = [line.split()[0] for line in lines if line.split() and line[0].isupper()]
    headings = [
        line.strip("# ") for body in bodies for line in body.splitlines() if line.startswith("##")
    ]
    names = [p + s for p in _PREFIXES for s in _SUFFIXES]
    rng.shuffle(names)
    for source in BUNDLED_TEXTS.glob("*.md"):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    made = 0
    for i in range(documents - len(list(BUNDLED_TEXTS.glob("*.md")))):
        name = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
        parts = [
            "---",
            f'municipality: "{name}"',
            f'title: "Internationell policy för {name}"',
            "---",
            "",
            f"# Internationell policy för {name}",
        ]
        for _ in range(SECTIONS_PER_DOCUMENT):
            parts += ["", f"## {rng.choice(headings)}"]
            for _ in range(PASSAGES_PER_SECTION):
                sentences = [_sentence(rng, chain, starts) for _ in range(rng.randint(1, 3))]
                parts += ["", " ".join(sentences)]
        (folder / f"generated-{i:04d}.md").write_text("\n".join(parts) + "\n", encoding="utf-8")
        made += 1
    return made


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _timed(build: Callable[[], Any]) -> tuple[Any, float, float]:
    """Run `build` twice: once for time, once under tracemalloc for its peak memory."""
    started = time.perf_counter()
    built = build()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    build()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return built, seconds, peak / 2**20


def _latencies(ask: Callable[[str], object], questions: list[str]) -> list[float]:
    for q in questions[:5]:
        ask(q)  # warm caches
    out = []
    for _ in range(REPEAT):
        for q in questions:
            started = time.perf_counter()
            ask(q)
            out.append((time.perf_counter() - started) * 1000)
    return out


def _bm25s(texts: list[str]) -> tuple[Callable[[], Any], Callable[[Any, str], object]] | None:
    try:
        import bm25s
        import Stemmer
    except ImportError:
        return None
    stemmer = Stemmer.Stemmer("swedish")

    def build() -> Any:
        retriever = bm25s.BM25()
        corpus = bm25s.tokenize(texts, stopwords="sv", stemmer=stemmer, show_progress=False)
        retriever.index(corpus, show_progress=False)
        return retriever

    def ask(retriever: Any, question: str) -> object:
        query = bm25s.tokenize([question], stopwords="sv", stemmer=stemmer, show_progress=False)
        k = min(3, len(texts))
        return retriever.retrieve(query, k=k, show_progress=False, n_threads=1)

    return build, ask


def _report(label: str, texts_dir: Path | None, questions: list[str]) -> None:
    index, build_s, build_mb = _timed(lambda: load_index(texts_dir))
    assert isinstance(index, PolicyIndex)
    lat = _latencies(lambda q: index.search(q), questions)
    passages = len(index.passages)
    words = sum(len(tokens(p.text)) for p in index.passages)
    print(f"\n{label}: {len(index.documents)} documents, {passages} passages, {words} words")
    print(
        f"  intbot  build {build_s * 1000:8.1f} ms  peak {build_mb:7.1f} MiB  "
        f"latency p50 {statistics.median(lat):6.2f} ms  p99 {_percentile(lat, 0.99):6.2f} ms"
    )
    baseline = _bm25s([p.text for p in index.passages])
    if baseline is None:
        print("  bm25s   not installed (pip install -e '.[dev]')")
        return
    build, ask = baseline
    retriever, b_s, b_mb = _timed(build)
    b_lat = _latencies(lambda q: ask(retriever, q), questions)
    print(
        f"  bm25s   build {b_s * 1000:8.1f} ms  peak {b_mb:7.1f} MiB  "
        f"latency p50 {statistics.median(b_lat):6.2f} ms  p99 {_percentile(b_lat, 0.99):6.2f} ms"
    )


def main() -> None:
    questions = _questions()
    print(f"{len(questions)} questions, each asked {REPEAT} times; build peak via tracemalloc")
    _report("bundled texts", None, questions)
    with tempfile.TemporaryDirectory(prefix="intbot-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        made = generate_corpus(folder)
        print(f"\n(generated {made} documents in {time.perf_counter() - started:.1f} s)")
        _report(f"generated corpus ({DOCUMENTS} documents)", folder, questions)


if __name__ == "__main__":
    main()
