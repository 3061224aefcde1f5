"""Benchmark the quote store: `who` and `search` latency on 100,000 synthetic quote rows.

    python benchmarks/store.py                  # build /tmp/quotes-bench.db, then time the queries
    python benchmarks/store.py --rows 20000     # a smaller store

The synthetic corpus is built without the NLP pipeline, straight through
``Store.add``, so it measures the store alone: speakers are made-up names
(full names, surnames alone, initials, people sharing a surname, roles),
quote words are drawn from the seed articles, and documents carry dates and
outlets. Each query runs on a freshly opened store, as a CLI call would.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path
from typing import Callable

from quotes.explore.store import Store
from quotes.io.reading import Document
from quotes.lang.lexicon import data_json
from quotes.running import Processed
from quotes.table import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
QUOTES_PER_DOCUMENT = 10
QUERIES = 50


def syllable_name(rng: random.Random, syllables: int) -> str:
    consonants, vowels = "bdgjklmnprstwy", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables)).capitalize()


def make_people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(given name, surname) pairs; about one surname in five is shared by two people."""
    surnames = [syllable_name(rng, rng.randint(2, 4)) for _ in range(count * 4 // 5)]
    return [(syllable_name(rng, rng.randint(2, 3)), surnames[i % len(surnames)]) for i in range(count)]


def mention(rng: random.Random, given: str, surname: str) -> str:
    """How an article names a person: mostly in full, else the surname or an initial."""
    roll = rng.random()
    return f"{given} {surname}" if roll < 0.6 else surname if roll < 0.9 else f"{given[0]}. {surname}"


def build(path: Path, rows: int, seed: int) -> float:
    rng = random.Random(seed)
    words = re.findall(r"[^\W\d_]{3,}", " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))))
    outlets = [outlet["name"] for outlet in data_json("outlets.json")["outlets"]]
    people = make_people(rng, max(rows // 30, 10))
    roles = [f"juru bicara {syllable_name(rng, 3)}" for _ in range(max(rows // 500, 2))]
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store(path) as store:
        for number in range(rows // QUOTES_PER_DOCUMENT):
            outlet = rng.choice(outlets)
            text = f"synthetic article {number}"
            document = Document(f"doc{number:06d}.txt", text, source=outlet, date=f"{rng.randint(2021, 2024)}-{rng.randint(1, 12):02d}-15")
            quote_rows = []
            for index in range(QUOTES_PER_DOCUMENT):
                speaker = rng.choice(roles) if rng.random() < 0.1 else mention(rng, *rng.choice(people))
                quote = " ".join(rng.choices(words, k=rng.randint(6, 30)))
                values = {
                    "doc_id": document.doc_id,
                    "source": outlet,
                    "speaker": speaker,
                    "speaker_mention": speaker.split()[-1],
                    "speaker_role": "",
                    "quote": quote,
                    "quote_type": rng.choice(("direct", "indirect", "mixed")),
                    "cue": rng.choice(("kata", "ujar", "mengatakan", "menurut")),
                    "cited_from": "",
                    "start_char": index * 100,
                    "end_char": index * 100 + len(quote),
                    "confidence": 0.9,
                }
                quote_rows.append({column: values[column] for column in COLUMNS})
            store.add(Processed(document, None, quote_rows))
        store.refresh_speakers()
    return time.perf_counter() - started


def timed(path: Path, queries: list[str], run: Callable[[Store, str], object]) -> list[float]:
    latencies = []
    for query in queries:
        started = time.perf_counter()
        with Store(path, create=False) as store:
            run(store, query)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def report(name: str, latencies: list[float]) -> None:
    ordered = sorted(latencies)
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)]
    print(f"{name:<28} median {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   max {ordered[-1]:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="synthetic quote rows (default 100,000)")
    parser.add_argument("--db", type=Path, default=Path("/tmp/quotes-bench.db"), help="where to build the store")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    seconds = build(args.db, args.rows, args.seed)
    with Store(args.db, create=False) as store:
        speakers = store.connection.execute("SELECT count(*), count(DISTINCT speaker_id) FROM speakers").fetchone()
        print(f"built {store.count():,} quote rows in {store.count('documents'):,} documents "
              f"({speakers[0]:,} names, {speakers[1]:,} identities) in {seconds:.1f} s; {args.db.stat().st_size / 1e6:.0f} MB")
        names = [name for (name,) in store.connection.execute("SELECT name FROM speakers WHERE name LIKE '% %' AND name NOT LIKE 'juru%' LIMIT 200")]
        words = [word for (word,) in store.connection.execute("SELECT quote FROM quotes LIMIT 500")]

    rng = random.Random(args.seed)
    surnames = [name.split()[-1] for name in rng.sample(names, QUERIES)]
    typos = [s[:2] + s[3:] if len(s) > 4 else s for s in surnames]  # one letter dropped: "Sulivan"
    full = rng.sample(names, QUERIES)
    phrases = [" ".join(rng.sample(quote.split(), 2)) for quote in rng.sample(words, QUERIES)]

    report("who SURNAME", timed(args.db, surnames, lambda store, q: store.who(q)))
    report("who TYPO", timed(args.db, typos, lambda store, q: store.who(q)))
    report("who 'GIVEN SURNAME'", timed(args.db, full, lambda store, q: store.who(q)))
    report("search 'TWO WORDS'", timed(args.db, phrases, lambda store, q: store.search(q)))
    report("search 'senjata nuklir'", timed(args.db, ["senjata nuklir"] * 10, lambda store, q: store.search(q)))
    report("search WORDS --speaker", timed(args.db, [f"{p}|{s}" for p, s in zip(phrases, surnames)],
                                           lambda store, q: store.search(q.split("|")[0], speaker=q.split("|")[1])))


if __name__ == "__main__":
    main()
