"""Benchmark `quotes serve`: search and facet requests through Datasette on 100,000 quote rows.

    python benchmarks/serve.py                       # build /tmp/quotes-serve-bench.db, then time the requests
    python benchmarks/serve.py --db quotes.db --keep # time an existing store as it is

The store is the synthetic one of benchmarks/store.py (10 quotes a document,
made-up speakers, quote words drawn from the seeds, dates over four years,
real outlet names), built through ``Store.add``. Requests go through
Datasette's own ASGI client, in process: everything the server does for a page
(SQL, facets, the count, the template) and nothing of the network.
Each request is sent once to warm up, then timed ``--repeats`` times.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

from store import build

from quotes.explore.serve import VIEW, make_datasette
from quotes.explore.store import Store


async def timings(datasette, path: str, repeats: int) -> list[float]:
    response = await datasette.client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    latencies = []
    for _ in range(repeats):
        started = time.perf_counter()
        await datasette.client.get(path)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


async def run(db: Path, repeats: int) -> None:
    datasette = make_datasette(db)
    with Store(db, create=False) as store:
        speaker = store.connection.execute(
            f"SELECT speaker_id FROM {VIEW} GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    table = datasette.urls.table(db.stem, VIEW)
    requests = {
        "search 'nuklir' (page, 5 facets)": f"{table}?_search=nuklir",
        "search 'nuklir' (JSON, 5 facets)": f"{table}.json?_search=nuklir",
        "all quotes (page, 5 facets)": table,
        "one speaker (page, 5 facets)": f"{table}?{urlencode({'speaker_id': speaker})}",
        "facet by speaker (JSON, 1 facet)": f"{table}.json?_facet=speaker_id&_size=0&_nofacet=1",
    }
    for name, path in requests.items():
        latencies = sorted(await timings(datasette, path, repeats))
        print(f"{name:<36} median {statistics.median(latencies):7.1f} ms   max {latencies[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="synthetic quote rows (default 100,000)")
    parser.add_argument("--db", type=Path, default=Path("/tmp/quotes-serve-bench.db"), help="the store to build or time")
    parser.add_argument("--keep", action="store_true", help="time the store at --db as it is, without building it")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    if not args.keep:
        seconds = build(args.db, args.rows, args.seed)
        print(f"built {args.rows:,} quote rows in {seconds:.1f} s")
    with Store(args.db, create=False) as store:
        print(f"{args.db}: {store.count():,} quotes in {store.count('documents'):,} documents")
    asyncio.run(run(args.db, args.repeats))


if __name__ == "__main__":
    main()
