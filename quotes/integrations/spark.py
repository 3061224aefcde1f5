"""Distributed extraction on Apache Spark (the optional ``[spark]`` extra).

``extract(df)`` maps a DataFrame of articles to a DataFrame of quotes in the
table schema with ``mapInPandas``. Each Python worker process loads the
pipeline once, on its first batch, and keeps it for every later task (Spark
reuses Python workers by default), so the cost of loading is paid per worker,
never per row.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

import pandas as pd

from quotes.io.reading import Document, InputError
from quotes.table import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from spacy.language import Language


def schema() -> str:
    """The table schema as a Spark DDL string, in :data:`COLUMNS` order."""

    def spark_type(column: str) -> str:
        if column in INTEGER_COLUMNS:
            return "bigint"
        if column in FLOAT_COLUMNS:
            return "double"
        return "string"

    return ", ".join(f"{column} {spark_type(column)}" for column in COLUMNS)


@lru_cache(maxsize=None)
def _pipeline(model: str) -> Language:
    from quotes.pipeline import load

    return load(model)


def extract(
    df: DataFrame,
    text_col: str = "text",
    id_col: str = "id",
    source_col: str | None = None,
    model: str = "default",
) -> DataFrame:
    """Extract the quote table of a Spark DataFrame of articles.

    ``df`` needs a text column and an id column (and may name an outlet column
    in ``source_col``; otherwise the outlet comes from the text). A document
    the pipeline fails on is reported on the executor's stderr and skipped,
    as ``quotes extract`` does.
    """
    columns = [id_col, text_col] + ([source_col] if source_col else [])
    missing = [column for column in columns if column not in df.columns]
    if missing:
        raise ValueError(f"DataFrame has no column {', '.join(map(repr, missing))} (columns: {', '.join(df.columns)})")

    def extract_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        # Imported here: this runs in the executor's Python worker, not the driver.
        from quotes.running import run

        nlp = _pipeline(model)
        for batch in batches:
            documents = [
                Document(
                    doc_id="" if row[id_col] is None else str(row[id_col]),
                    text=row[text_col] or "",
                    source=(row[source_col] or "") if source_col else "",
                )
                for row in batch.to_dict(orient="records")
            ]
            rows: list[dict] = []
            # Rows only: memory zones keep a long-lived executor's vocabulary from growing.
            for outcome in run(nlp, documents, keep_docs=False):
                if isinstance(outcome, InputError):
                    print(f"quotes: {outcome}", file=sys.stderr)
                else:
                    rows.extend(outcome.rows)
            yield pd.DataFrame(rows, columns=list(COLUMNS)).astype(
                {**{c: "int64" for c in INTEGER_COLUMNS}, **{c: "float64" for c in FLOAT_COLUMNS}}
            )

    return df.select(*columns).mapInPandas(extract_batches, schema=schema())
