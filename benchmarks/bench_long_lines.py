"""Extraction time for pathological long lines: must grow linearly with the line's length.

    python benchmarks/bench_long_lines.py

Each line is a legal article (the limit is 2,000,000 characters). tests/test_bad_input.py
checks that each is stored; this script prints how long extraction takes, at 100,000 and
400,000 characters, so quadratic behaviour shows up as a ratio well above 4.
"""

from __future__ import annotations

import time
from datetime import date

RUN_ON = "Kim Jong Un met Xi Jinping in Beijing on March 26, 2018, and they talked at length "
CASES = {
    "prose without a full stop": RUN_ON,
    "one long word": "a",
    "dates without end": "between March and ",
    "names without end": "Kim Jong Un, Xi Jinping, Putin; ",
}


def main() -> None:
    from timeline.extract import extract_events
    from timeline.extract.gazetteer import Gazetteer

    gazetteer = Gazetteer.from_seed_dir()
    extract_events("Kim met Xi on Monday.", date(2018, 3, 29), gazetteer)
    print(f"{'case':28} {'100k chars':>11} {'400k chars':>11} {'ratio':>6}")
    for name, unit in CASES.items():
        seconds = []
        for size in (100_000, 400_000):
            text = (unit * (size // len(unit) + 1))[:size]
            started = time.perf_counter()
            extract_events(text, date(2018, 3, 29), gazetteer)
            seconds.append(time.perf_counter() - started)
        print(f"{name:28} {seconds[0]:10.2f}s {seconds[1]:10.2f}s {seconds[1] / seconds[0]:6.1f}")


if __name__ == "__main__":
    main()
