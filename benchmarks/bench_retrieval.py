"""Retrieval benchmark: index build time, per-question latency (p50/p99) and resident
memory, on the bundled policies and on a generated corpus of 1,000 policy-like documents
(about 50,000 passages), beside bm25s (at its defaults) on the same passages.

Fair by construction: the two engines answer question by question in turn (so neither
gets a quieter machine), every figure is the min and the median of RUNS runs, wall time
is given beside the thread's CPU time (which a busy shared machine does not inflate),
and memory is the resident set (VmRSS) of a fresh process that builds one engine and
nothing else.

The generated corpus is deterministic: a seeded word-bigram chain over the bundled
texts, in which each document also brings its own new words (compounds and names), so
the vocabulary grows with the corpus as a real collection's does (about 25 new words a
document); what scales with the vocabulary (near-spelling look-ups, name matching) is
then measured, not hidden by 577 words repeated. Written as Markdown files to a
temporary folder, so the index is built through its real loading path.

Figures are printed, never asserted.
"""

from __future__ import annotations

import itertools
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.rss import status_bytes
from knowledge.analysis import tokens
from knowledge.documents import BUNDLED_TEXTS, load_texts
from knowledge.index import load_index
from knowledge.passages import split_passages
from knowledge.question_sets import set_paths

SEED = 20260312
DOCUMENTS = 1000
SECTIONS_PER_DOCUMENT = 10
PASSAGES_PER_SECTION = 5
NEW_WORDS_PER_DOCUMENT = 25
NEW_WORD_SHARE = 0.12  # of a generated sentence's words
RUNS = 3
REPOSITORY = Path(__file__).resolve().parents[1]
# The repository's labelled sets, and the shared evaluation sets when the shared folder
# sits beside the repository (as in the workspace).
QUESTION_DIRS = (REPOSITORY / "tests" / "data", REPOSITORY.parent / "shared" / "eval")

_PREFIXES = """Ny Väst Öst Norr Söder Berg Dal Sjö Ås Lin Mal Sunds Ek Björk Gran Hög Lång
Strand Vik Hammar Ljung Torp Kvarn Bro Hem Fors Mark Sten Kall Varm""".split()  # noqa: SIM905
_SUFFIXES = """köping stad by vik sund hamn dal berg torp ås holm fors näs ryd bo lunda
måla tuna sala vall hult""".split()  # noqa: SIM905
_SYLLABLES = """ka lo ber vi sta mun dre fal gö ne ku läv mo ta sam ord ning pro jekt
verk sam het stra te gi ut veck ling inter na tio nell part ner skap""".split()  # noqa: SIM905


def _questions() -> list[str]:
    seen: dict[str, None] = {}
    for folder in QUESTION_DIRS:
        for path in set_paths(folder):  # the policy sets (the log's set has another shape)
            data = json.loads(path.read_text(encoding="utf-8"))
            seen.update((it["q"], None) for group in data.values() for it in group)
    return list(seen) or ["Vem ansvarar för vänortssamarbetet?", "Who signs agreements?"]


def _chain(texts: list[str]) -> dict[str, list[str]]:
    chain: dict[str, list[str]] = {}
    for text in texts:
        words = text.split()
        for a, b in itertools.pairwise(words):
            chain.setdefault(a, []).append(b)
    return chain


def _new_words(rng: random.Random, known: list[str], n: int) -> list[str]:
    """Words no text has used yet: compounds of known words, and made-up stems."""
    out = []
    for _ in range(n):
        if rng.random() < 0.6 and known:
            out.append(rng.choice(known) + rng.choice(("", "s")) + rng.choice(known))
        else:
            out.append("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return out


def _sentence(
    rng: random.Random, chain: dict[str, list[str]], starts: list[str], own: list[str]
) -> str:
    word = rng.choice(starts)
    out = [word]
    for _ in range(rng.randint(8, 24)):
        following = chain.get(word)
        if not following:
            break
        word = rng.choice(following)
        out.append(rng.choice(own) if rng.random() < NEW_WORD_SHARE else word)
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
    known = sorted({w for line in lines for w in tokens(line) if len(w) >= 5 and w.isalpha()})
    names = [p + s for p in _PREFIXES for s in _SUFFIXES]
    rng.shuffle(names)
    for source in BUNDLED_TEXTS.glob("*.md"):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    made = 0
    for i in range(documents - len(list(BUNDLED_TEXTS.glob("*.md")))):
        name = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
        own = _new_words(rng, known, NEW_WORDS_PER_DOCUMENT)
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
                sentences = [_sentence(rng, chain, starts, own) for _ in range(rng.randint(1, 3))]
                parts += ["", " ".join(sentences)]
        (folder / f"generated-{i:04d}.md").write_text("\n".join(parts) + "\n", encoding="utf-8")
        made += 1
    return made


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# -- the engines ----------------------------------------------------------------------


def _intbot(texts_dir: Path | None) -> Callable[[str], object]:
    index = load_index(texts_dir)
    return lambda q: index.search(q)


def _passages(texts_dir: Path | None) -> list[str]:
    """The passages' texts, split as the index splits them but without building it."""
    return [
        chunk.text
        for text in load_texts(texts_dir)
        for chunk in split_passages(text.body, title=text.document.title)
    ]


def _bm25s(texts: list[str]) -> Callable[[str], object]:
    """bm25s as its documentation shows it: defaults, Snowball Swedish, its stop words."""
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("swedish")
    retriever = bm25s.BM25()
    corpus = bm25s.tokenize(texts, stopwords="sv", stemmer=stemmer, show_progress=False)
    retriever.index(corpus, show_progress=False)
    k = min(3, len(texts))

    def ask(question: str) -> object:
        query = bm25s.tokenize([question], stopwords="sv", stemmer=stemmer, show_progress=False)
        return retriever.retrieve(query, k=k, show_progress=False)

    return ask


def _rss_mib() -> float:
    return status_bytes("VmRSS") / 2**20


def _memory_child(engine: str, texts_dir: str) -> None:
    """In a fresh process: build one engine, print its build time and resident memory."""
    folder = Path(texts_dir) if texts_dir != "-" else None
    texts = _passages(folder) if engine == "bm25s" else []
    import bm25s  # noqa: F401  (both processes import the same libraries before measuring)

    before = _rss_mib()
    started = time.perf_counter()
    built = _bm25s(texts) if engine == "bm25s" else _intbot(folder)
    seconds = time.perf_counter() - started
    built("Vem ansvarar för vänortssamarbetet?")
    print(json.dumps({"build_s": seconds, "rss": _rss_mib(), "grown": _rss_mib() - before}))


def _memory(engine: str, texts_dir: Path | None) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_retrieval", "--memory", engine,
         str(texts_dir or "-")],
        capture_output=True, text=True, check=True, cwd=REPOSITORY,
    )  # fmt: skip
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _interleaved(
    engines: dict[str, Callable[[str], object]], questions: list[str]
) -> dict[str, list[tuple[float, float, float, float]]]:
    """Per engine and run: (p50, p99) of wall time and (p50, p99) of the thread's CPU
    time, in ms, the engines taking each question in turn. CPU time leaves out the
    waits a busy (shared) machine adds to wall time."""
    for ask in engines.values():
        for q in questions:
            ask(q)  # warm caches, as a server does after its first questions
    out: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in engines}
    for _ in range(RUNS):
        wall: dict[str, list[float]] = {name: [] for name in engines}
        cpu: dict[str, list[float]] = {name: [] for name in engines}
        for q in questions:
            for name, ask in engines.items():
                started, started_cpu = time.perf_counter(), time.thread_time()
                ask(q)
                cpu[name].append((time.thread_time() - started_cpu) * 1000)
                wall[name].append((time.perf_counter() - started) * 1000)
        for name in engines:
            out[name].append(
                (
                    statistics.median(wall[name]),
                    _percentile(wall[name], 0.99),
                    statistics.median(cpu[name]),
                    _percentile(cpu[name], 0.99),
                )
            )
    return out


def _report(label: str, texts_dir: Path | None, questions: list[str]) -> None:
    index = load_index(texts_dir)
    words = {w for p in index.passages for w in tokens(p.text)}
    print(
        f"\n{label}: {len(index.documents)} documents, {len(index.passages)} passages, "
        f"{len(words)} distinct words"
    )
    engines = {
        "intbot": lambda q: index.search(q),
        "bm25s": _bm25s([p.text for p in index.passages]),
    }
    runs = _interleaved(engines, questions)
    for name, figures in runs.items():
        memory = _memory(name, texts_dir)
        print(
            f"  {name:7} build {memory['build_s'] * 1000:8.1f} ms  "
            f"RSS {memory['rss']:6.1f} MiB (+{memory['grown']:5.1f} building)"
        )
        for label, at in (("wall", 0), ("cpu ", 2)):
            p50s = [f[at] for f in figures]
            p99s = [f[at + 1] for f in figures]
            print(
                f"          {label} p50 min {min(p50s):5.2f} med {statistics.median(p50s):5.2f} ms"
                f"  p99 min {min(p99s):5.2f} med {statistics.median(p99s):5.2f} ms"
            )
    for label, at in (("wall", 0), ("cpu", 2)):
        ratio = statistics.median(f[at] for f in runs["intbot"]) / statistics.median(
            f[at] for f in runs["bm25s"]
        )
        print(f"  intbot p50 / bm25s p50 ({label}) = {ratio:.2f}")


def main() -> None:
    questions = _questions()
    print(
        f"{len(questions)} questions, engines interleaved, {RUNS} runs (min and median); "
        "memory: VmRSS of a fresh process per engine (+ what building added)"
    )
    _report("bundled texts", None, questions)
    with tempfile.TemporaryDirectory(prefix="intbot-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        made = generate_corpus(folder)
        print(f"\n(generated {made} documents in {time.perf_counter() - started:.1f} s)")
        _report(f"generated corpus ({DOCUMENTS} documents)", folder, questions)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--memory":
        _memory_child(sys.argv[2], sys.argv[3])
    else:
        main()
