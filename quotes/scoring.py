"""The measures of docs/design.md for quote tables scored against a gold table.

- A predicted quote matches a gold quote of the same document when their word
  sets overlap with Jaccard ≥ 0.5, one to one.
- On matched quotes the speaker is right when one name's words, titles
  dropped, are a subset of the other's, or one is the acronym of the other.
- Who-said-what counts a prediction right only when quote and speaker are.
- A prediction that matches only a borderline span counts neither way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from quotes.lang.lexicon import word_classes
from quotes.lang.words import vocabulary

WORD = re.compile(r"\w+", re.UNICODE)
MATCH_THRESHOLD = 0.5


def words(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    return frozenset(WORD.findall(unicodedata.normalize("NFKC", text).lower()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def speaker_words(name: str | None) -> list[str]:
    """A name's words, lowercased, without a leading rank written out in words or any title."""
    known = vocabulary()
    found = WORD.findall(unicodedata.normalize("NFKC", name or "").lower())
    rank_length = next(
        (n for n in range(known.max_rank_length, 0, -1) if tuple(found[:n]) in known.ranks), 0
    )
    return [w for w in found[rank_length:] if w not in known.titles]


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """DESIGN's speaker match: subset of words (titles dropped), or acronym."""
    gold_words, predicted_words = speaker_words(gold), speaker_words(predicted)
    if not gold_words or not predicted_words:
        return False
    if set(gold_words) <= set(predicted_words) or set(predicted_words) <= set(gold_words):
        return True
    return _is_acronym(gold_words, predicted_words) or _is_acronym(predicted_words, gold_words)


def _is_acronym(short: list[str], long: list[str]) -> bool:
    return len(short) == 1 and len(long) > 1 and short[0] == "".join(word[0] for word in long)


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attributable: int = 0
    speaker_right: int = 0
    speaker_exact: int = 0
    ignored_borderline: int = 0
    outcomes: list[tuple[Mapping[str, Any], str]] = field(default_factory=list, repr=False)
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    by_mention: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def attribution_accuracy(self) -> float:
        """Right speakers among matched quotes whose gold names a speaker."""
        return self.speaker_right / self.attributable if self.attributable else 0.0

    @property
    def exact_name_accuracy(self) -> float:
        """Right speakers written with exactly the gold's words (titles dropped), among the same quotes.

        Stricter than :attr:`attribution_accuracy`, whose subset match accepts
        'Bogor Bima Arya' for 'Bima Arya': it shows how clean the names are.
        """
        return self.speaker_exact / self.attributable if self.attributable else 0.0

    @property
    def who_said_what_f1(self) -> float:
        precision = self.speaker_right / self.predicted if self.predicted else 0.0
        recall = self.speaker_right / self.gold if self.gold else 0.0
        return _f1(precision, recall)

    def as_dict(self) -> dict[str, Any]:
        summary = asdict(self)
        summary.pop("outcomes")
        for name in ("precision", "recall", "f1", "attribution_accuracy", "exact_name_accuracy", "who_said_what_f1"):
            summary[name] = round(getattr(self, name), 4)
        return summary


def mention_kind(gold_row: Mapping[str, Any]) -> str:
    """How the gold attributes a quote: a named/described speaker, a -nya clitic, or nothing."""
    mention = gold_row.get("speaker_mention")
    if not mention:
        return "none"
    return "clitic" if mention in word_classes().clitics else "explicit"


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _group(rows: Iterable[Mapping[str, Any]], key: str) -> dict[str, list[Mapping[str, Any]]]:
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(str(row[key]), []).append(row)
    return groups


def score(
    gold: Iterable[Mapping[str, Any]],
    predicted: Iterable[Mapping[str, Any]],
    borderline: Iterable[Mapping[str, Any]] = (),
    quote_types: Iterable[str] | None = None,
) -> Scores:
    """Score predicted table rows (``doc_id``, ``quote``, ``speaker``, ``quote_type``)
    against gold rows (``file``, ``quote``, ``speaker``, ``type``)."""
    types = set(quote_types) if quote_types else None
    gold_rows = [row for row in gold if types is None or row["type"] in types]
    predicted_rows = [row for row in predicted if types is None or row["quote_type"] in types]
    gold_by_doc = _group(gold_rows, "file")
    predicted_by_doc = _group(predicted_rows, "doc_id")
    borderline_by_doc = _group(borderline, "file")
    scores = Scores(gold=len(gold_rows))
    for row in gold_rows:
        scores.by_type.setdefault(row["type"], {"gold": 0, "matched": 0, "speaker_right": 0})["gold"] += 1
        scores.by_mention.setdefault(mention_kind(row), {"gold": 0, "matched": 0, "speaker_right": 0})["gold"] += 1
    for doc_id in sorted(set(gold_by_doc) | set(predicted_by_doc)):
        _score_document(
            gold_by_doc.get(doc_id, []),
            predicted_by_doc.get(doc_id, []),
            borderline_by_doc.get(doc_id, []),
            scores,
        )
    return scores


def _score_document(gold_rows, predicted_rows, borderline_rows, scores: Scores) -> None:
    gold_words = [words(row["quote"]) for row in gold_rows]
    predicted_words = [words(row["quote"]) for row in predicted_rows]
    pairs = sorted(
        (
            (jaccard(g, p), gi, pi)
            for gi, g in enumerate(gold_words)
            for pi, p in enumerate(predicted_words)
        ),
        reverse=True,
    )
    gold_used: set[int] = set()
    predicted_used: set[int] = set()
    for overlap, gi, pi in pairs:
        if overlap < MATCH_THRESHOLD:
            break
        if gi in gold_used or pi in predicted_used:
            continue
        gold_used.add(gi)
        predicted_used.add(pi)
        scores.matched += 1
        breakdowns = (scores.by_type[gold_rows[gi]["type"]], scores.by_mention[mention_kind(gold_rows[gi])])
        for breakdown in breakdowns:
            breakdown["matched"] += 1
        if gold_rows[gi].get("speaker"):
            scores.attributable += 1
        if same_speaker(gold_rows[gi]["speaker"], predicted_rows[pi]["speaker"]):
            scores.speaker_right += 1
            if speaker_words(gold_rows[gi]["speaker"]) == speaker_words(predicted_rows[pi]["speaker"]):
                scores.speaker_exact += 1
            for breakdown in breakdowns:
                breakdown["speaker_right"] += 1
            scores.outcomes.append((predicted_rows[pi], "right"))
        elif gold_rows[gi].get("speaker"):
            scores.outcomes.append((predicted_rows[pi], "wrong_speaker"))
        else:
            scores.outcomes.append((predicted_rows[pi], "gold_without_speaker"))
    borderline_words = [words(row.get("text") or row.get("quote")) for row in borderline_rows]
    for pi, p in enumerate(predicted_words):
        if pi in predicted_used:
            continue
        if any(jaccard(p, b) >= MATCH_THRESHOLD for b in borderline_words):
            scores.ignored_borderline += 1
            scores.outcomes.append((predicted_rows[pi], "borderline"))
        else:
            scores.predicted += 1
            scores.outcomes.append((predicted_rows[pi], "unmatched"))
    scores.predicted += len(predicted_used)


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]
