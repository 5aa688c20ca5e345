"""Run every benchmark module (`benchmarks/bench_*.py`, each with `main()`), or those named.

python -m benchmarks            # all
python -m benchmarks retrieval  # bench_retrieval.py only
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import benchmarks


def main(argv: list[str]) -> int:
    names = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    )
    chosen = argv or names
    for name in chosen:
        if name not in names:
            print(f"no benchmark {name!r}; choose from: {', '.join(names)}", file=sys.stderr)
            return 2
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.bench_{name}").main()
        print(f"({name}: {time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
