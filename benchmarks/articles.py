"""The fixed benchmark set: the five seeds and the PFSA-ID dev articles, repeated to a word count."""

from __future__ import annotations

from pathlib import Path

from quotes.io.reading import Document

ROOT = Path(__file__).resolve().parents[1]


def base_articles(corpus: str | None) -> list[tuple[str, str]]:
    """(name, text) of the seeds, then of the PFSA-ID dev articles when a corpus path is given."""
    articles = [(path.name, path.read_text(encoding="utf-8")) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    if corpus:
        from quotes.training.corpus import (
            corpus_files,
            dev_fingerprints,
            read_articles,
            rebuild,
            split_articles,
        )

        _, dev = split_articles(read_articles(corpus_files(corpus)), dev_fingerprints())
        articles += [(f"pfsa-{article.fingerprint}", rebuild(article).text) for article in dev]
    return articles


def benchmark_set(corpus: str | None, words: int) -> list[Document]:
    """The base articles in order, repeated until the set holds at least ``words`` words."""
    base = base_articles(corpus)
    documents: list[Document] = []
    total = 0
    while total < words:
        for name, text in base:
            documents.append(Document(f"{len(documents)}:{name}", text))
            total += len(text.split())
            if total >= words:
                break
    return documents
