"""PFSA-ID corpus conversion: token/BILOU sentences to whole Kompas articles.

The corpus (``../shared/corpora/pfsa-id``) holds one ``token<TAB>label`` a line,
a blank line after each sentence, and no article boundaries. This module

- splits the sentence stream into articles at each dateline sentence
  (``JAKARTA , KOMPAS —``, ``KOMPAS , BANYUWANGI —``, ``Jakarta , Kompas -``);
- removes every sentence already seen earlier in the corpus, so the sentences
  shared by the two files land on one side of the split only;
- puts each opening quotation mark back in front of its quote (the corpus'
  sentence splitter left it at the end of the sentence before);
- rebuilds plausible text: no space before closing punctuation, none after an
  opening mark, hyphens and slashes joined, sentences grouped into paragraphs;
- splits train and dev by article, with the dev fingerprints fixed in
  ``quotes/lang/data/pfsa_dev_split.json``;
- writes spaCy DocBins whose entity spans are aligned to the rebuilt text, and
  exports the dev articles as ``.txt`` files plus a gold quote table in the
  seeds' JSONL format (see :func:`gold_quotes` for the attribution heuristic).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

from quotes.lang.lexicon import data_json, word_classes, word_lists
from quotes.lang.words import clitic_of, strip_clitic

LABELS: tuple[str, ...] = (
    "STATEMENT",
    "CUE",
    "CUECOREF",
    "PERSON",
    "PERSONCOREF",
    "ROLE",
    "AFFILIATION",
    "ISSUE",
    "EVENT",
    "DATETIME",
    "LOCATION",
)
SPLIT_FILE = "pfsa_dev_split.json"
DEV_FRACTION = 0.15
SPLIT_SEED = 13

DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .]{0,40}? , (?i:kompas)|KOMPAS , [A-Z][A-Z .]{0,40}?) [—–-] ")
DOUBLE_MARKS = frozenset({"”", "“", '"', "«", "»"})
ALWAYS_OPENING = frozenset({"“", "«", "‘", "(", "[", "{"})
ALWAYS_CLOSING = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "»", "...", "…"})
SENTENCE_END = frozenset({".", "?", "!"})
# Joined to both neighbours when it stands between two word characters: "Covid-19", "km/jam", "Qur’an".
JOINERS = frozenset({"-", "/", "’", "'", "&"})
MAX_PARAGRAPH_SENTENCES = 3
# Quotation-mark styles for training articles: Kompas's own ”…” (twice as often), straight "…" and “…”.
# The corpus has only Kompas's style; other outlets write the others.
TRAINING_MARK_STYLES: tuple[tuple[str, str] | None, ...] = (None, None, ('"', '"'), ("“", "”"))


@dataclass(frozen=True)
class Sentence:
    tokens: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass
class Article:
    """An article as a list of corpus sentences, named by a fingerprint of its tokens."""

    sentences: list[Sentence]

    @property
    def fingerprint(self) -> str:
        words = "\n".join(" ".join(sentence.tokens) for sentence in self.sentences)
        return hashlib.sha1(words.encode("utf-8")).hexdigest()[:16]


@dataclass
class RebuiltArticle:
    """An article's rebuilt text with its entity spans as character offsets."""

    fingerprint: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    # Quoted passages left unlabelled (PFSA-ID annotates public figures only): (start, end) with the marks.
    unlabelled_quotes: list[tuple[int, int]] = field(default_factory=list)


def read_sentences(path: str | Path) -> list[Sentence]:
    """Read a PFSA-format file: ``token<TAB>label`` lines, a blank line after each sentence."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append(Sentence(tuple(tokens), tuple(labels)))
                    tokens, labels = [], []
                continue
            token, _, label = line.rpartition("\t")
            if not token:
                raise ValueError(f"{path}:{number}: expected 'token<TAB>label', got {line!r}")
            tokens.append(token)
            labels.append(label)
    if tokens:
        sentences.append(Sentence(tuple(tokens), tuple(labels)))
    return sentences


def corpus_files(corpus: str | Path) -> list[Path]:
    """The PFSA-format files of a corpus folder, in a fixed order, or the one file given."""
    path = Path(corpus)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.txt") if p.name.upper() not in {"README.TXT", "LICENSE.TXT"})
        if not files:
            raise FileNotFoundError(f"no PFSA-format .txt files in {path}")
        return files
    if not path.exists():
        raise FileNotFoundError(f"no such corpus file or folder: {path}")
    return [path]


def is_dateline(sentence: Sentence) -> bool:
    return bool(DATELINE.match(" ".join(sentence.tokens[:12]) + " "))


def read_articles(paths: Sequence[str | Path]) -> list[Article]:
    """Articles of the files, in order, each sentence kept only at its first occurrence.

    Articles are cut at datelines before deduplication, so that removing a
    shared dateline sentence cannot merge two articles; articles left empty
    (wholly shared with an earlier file) are dropped.
    """
    seen: set[Sentence] = set()
    articles: list[Article] = []
    for path in paths:
        groups: list[list[Sentence]] = []
        for sentence in read_sentences(path):
            if not groups or is_dateline(sentence):
                groups.append([])
            groups[-1].append(sentence)
        for group in groups:
            kept = [sentence for sentence in group if sentence not in seen]
            seen.update(group)
            if kept:
                articles.append(Article(kept))
    return articles


def opening_mark_flags(article: Article) -> list[list[bool]]:
    """For each token: is it an opening quotation mark?

    Kompas writes ``”`` for both marks. A mark labelled B- opens and one
    labelled L- closes a STATEMENT; ``“`` always opens; any other mark toggles
    the open/closed state, which the labelled marks keep resetting.
    """
    is_open = False
    flags: list[list[bool]] = []
    for sentence in article.sentences:
        row = []
        for token, label in zip(sentence.tokens, sentence.labels):
            opening = False
            if token in DOUBLE_MARKS:
                if token in ALWAYS_OPENING or label.startswith("B-"):
                    opening = True
                elif token == "»" or label.startswith("L-"):
                    opening = False
                else:
                    opening = not is_open
                is_open = opening
            row.append(opening)
        flags.append(row)
    return flags


def regroup_sentences(article: Article) -> tuple[list[list[tuple[str, str, bool]]], list[bool]]:
    """Move sentence-final opening marks to the next sentence and group sentences into paragraphs.

    Returns the sentences as (token, label, is_opening_mark) triples and, for
    each sentence, whether it starts a new paragraph: one that opens with a
    quotation mark, follows a sentence that closed a quote, or would make a
    paragraph longer than ``MAX_PARAGRAPH_SENTENCES``.
    """
    flags = opening_mark_flags(article)
    units: list[list[tuple[str, str, bool]]] = []
    carried: list[tuple[str, str, bool]] = []
    for sentence, row in zip(article.sentences, flags):
        triples = carried + list(zip(sentence.tokens, sentence.labels, row))
        carried = []
        if len(triples) >= 2 and triples[-1][2] and triples[-2][0] in SENTENCE_END:
            carried = [triples.pop()]
        units.append(triples)
    if carried:
        units[-1].extend(carried)
    breaks: list[bool] = []
    paragraph_length = 0
    closed_quote = inside_quote = False
    for index, unit in enumerate(units):
        starts_quote = unit[0][2]
        too_long = paragraph_length >= MAX_PARAGRAPH_SENTENCES and not inside_quote
        new_paragraph = index == 0 or starts_quote or closed_quote or too_long
        paragraph_length = 1 if new_paragraph else paragraph_length + 1
        marks = [opening for token, _, opening in unit if token in DOUBLE_MARKS]
        closed_quote = any(not opening for opening in marks)
        inside_quote = marks[-1] if marks else inside_quote
        breaks.append(new_paragraph)
    return units, breaks


def is_glued_joiner(previous: str, token: str, following: str) -> bool:
    """A hyphen, slash or apostrophe between two word characters: "Covid-19", "km/jam", "Qur’an"."""
    return token in JOINERS and previous[-1:].isalnum() and following[:1].isalnum()


def joins_without_space(previous: str, previous_opening: bool, token: str, opening: bool) -> bool:
    """Whether ``token`` is written straight after ``previous`` (each with its opening-mark flag)."""
    if previous_opening or previous in ALWAYS_OPENING:
        return True
    if token in DOUBLE_MARKS and not opening:
        return True
    return token in ALWAYS_CLOSING


def bilou_spans(labels: Sequence[str]) -> tuple[list[tuple[int, int, str]], int]:
    """Token spans (start, end, label) from BILOU labels, tolerating broken sequences.

    Returns the spans and the number of repairs (an I-/L- without its B-, a B-
    without its L-), which deduplication or annotation slips can cause.
    """
    spans: list[tuple[int, int, str]] = []
    repairs = 0
    start: int | None = None
    current = ""
    for index, tag in enumerate(list(labels) + ["O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix in {"O", "B", "U"} or label != current):
            spans.append((start, index, current))
            repairs += 1
            start = None
        if prefix == "U":
            spans.append((index, index + 1, label))
        elif prefix in {"B", "I", "L"}:
            if start is None:
                repairs += prefix != "B"
                start, current = index, label
            if prefix == "L":
                spans.append((start, index + 1, current))
                start = None
    return spans, repairs


def rebuild(
    article: Article, paragraph_separator: str | None = None, marks: tuple[str, str] | None = None
) -> RebuiltArticle:
    """Rebuild an article's text and its entity character spans.

    ``marks`` (opening, closing) replaces the double quotation marks; None keeps them as written.
    """
    units, breaks = regroup_sentences(article)
    if paragraph_separator is None:
        # Inputs come with single and double newlines between paragraphs; train on both.
        paragraph_separator = "\n\n" if int(article.fingerprint, 16) % 2 else "\n"
    flat = [triple for unit in units for triple in unit]
    if marks is not None:
        flat = [
            (marks[0] if opening else marks[1], label, opening) if token in DOUBLE_MARKS else (token, label, opening)
            for token, label, opening in flat
        ]
    unit_starts = {}
    position = 0
    for unit, new_paragraph in zip(units, breaks):
        unit_starts[position] = new_paragraph
        position += len(unit)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    length = 0
    glue_next = False
    for index, (token, _, opening) in enumerate(flat):
        if index > 0:
            previous, _, previous_opening = flat[index - 1]
            following = flat[index + 1][0] if index + 1 < len(flat) else ""
            glued = is_glued_joiner(previous, token, following)
            if unit_starts.get(index):
                separator = paragraph_separator
            elif glue_next or glued or joins_without_space(previous, previous_opening, token, opening):
                separator = ""
            else:
                separator = " "
            glue_next = glued
            pieces.append(separator)
            length += len(separator)
        starts.append(length)
        pieces.append(token)
        length += len(token)
        ends.append(length)
    token_spans, _ = bilou_spans([label for _, label, _ in flat])
    spans = [(starts[first], ends[last - 1], label) for first, last, label in token_spans]
    return RebuiltArticle(article.fingerprint, "".join(pieces), spans, unlabelled_quotes(flat, starts, ends))


def unlabelled_quotes(flat: list[tuple[str, str, bool]], starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """Character spans from each unlabelled opening mark to the next closing mark."""
    found = []
    opened: int | None = None
    for index, (token, label, opening) in enumerate(flat):
        if token not in DOUBLE_MARKS:
            continue
        if opening:
            opened = index if label == "O" else None
        elif opened is not None:
            found.append((starts[opened], ends[index]))
            opened = None
    return found


def make_doc(nlp: Language, rebuilt: RebuiltArticle) -> Doc:
    """A Doc of the rebuilt text with its entities, snapped outward to spaCy's tokens."""
    doc = nlp.make_doc(rebuilt.text)
    entities = []
    for start, end, label in rebuilt.spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            entities.append(span)
    doc.ents = filter_spans(entities)
    return doc


def dev_fingerprints() -> set[str]:
    """The fingerprints of the fixed dev articles, as written in ``quotes/lang/data``."""
    return set(data_json(SPLIT_FILE)["dev"])


def choose_dev_split(articles: Sequence[Article], fraction: float = DEV_FRACTION, seed: int = SPLIT_SEED) -> dict:
    """Draw a dev split by article (to be written once to ``quotes/lang/data/pfsa_dev_split.json``)."""
    fingerprints = sorted(article.fingerprint for article in articles)
    random.Random(seed).shuffle(fingerprints)
    count = max(round(len(fingerprints) * fraction), 1 if len(fingerprints) > 1 else 0)
    return {
        "about": "Fingerprints (quotes.training.corpus.Article.fingerprint) of the PFSA-ID articles held out for dev.",
        "seed": seed,
        "fraction": fraction,
        "articles": len(fingerprints),
        "dev": sorted(fingerprints[:count]),
    }


def split_articles(articles: Iterable[Article], dev: set[str]) -> tuple[list[Article], list[Article]]:
    train: list[Article] = []
    held_out: list[Article] = []
    for article in articles:
        (held_out if article.fingerprint in dev else train).append(article)
    return train, held_out


def training_marks(article: Article) -> tuple[str, str] | None:
    return TRAINING_MARK_STYLES[int(article.fingerprint, 16) // 2 % len(TRAINING_MARK_STYLES)]


def write_docbin(nlp: Language, articles: Iterable[Article], path: Path, vary_marks: bool = False) -> int:
    """Write articles as a DocBin; ``vary_marks`` rewrites some articles' quotation marks (for training)."""
    docs = DocBin(store_user_data=False)
    count = 0
    for article in articles:
        docs.add(make_doc(nlp, rebuild(article, marks=training_marks(article) if vary_marks else None)))
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(path)
    return count


def write_pfsa(articles: Iterable[Article], path: Path) -> None:
    """Write articles back in the corpus format (so ``quotes evaluate pfsa`` can read a split)."""
    with open(path, "w", encoding="utf-8") as stream:
        for article in articles:
            for sentence in article.sentences:
                stream.writelines(f"{token}\t{label}\n" for token, label in zip(sentence.tokens, sentence.labels))
                stream.write("\n")


@dataclass
class ConversionReport:
    train_articles: int
    dev_articles: int
    gold_quotes: int
    output: Path
    fixed_split: bool


def convert(
    corpus: str | Path, output: str | Path, dev: set[str] | None = None, nlp: Language | None = None
) -> ConversionReport:
    """Convert a PFSA-ID folder (or file) into ``train.spacy``, ``dev.spacy``, ``dev.pfsa.txt`` and ``gold/``.

    The dev articles are those of the fixed split (or ``dev``); a corpus that
    has none of them (a slice, another corpus) gets a seeded split of its own.
    """
    output = Path(output)
    articles = read_articles(corpus_files(corpus))
    dev = dev_fingerprints() if dev is None else dev
    fixed_split = any(article.fingerprint in dev for article in articles)
    if not fixed_split:
        dev = set(choose_dev_split(articles)["dev"])
    train, held_out = split_articles(articles, dev)
    # Building the Indonesian tokenizer takes seconds (16k exceptions): reuse the caller's.
    nlp = nlp or spacy.blank("id")
    write_docbin(nlp, train, output / "train.spacy", vary_marks=True)
    write_docbin(nlp, held_out, output / "dev.spacy")
    write_pfsa(held_out, output / "dev.pfsa.txt")
    gold_count = export_gold(held_out, output / "gold")
    return ConversionReport(len(train), len(held_out), gold_count, output, fixed_split)


# --- The dev articles as a gold quote table ---------------------------------------------------

CUE_LABELS = frozenset({"CUE", "CUECOREF"})
MENTION_LABELS = frozenset({"PERSON", "PERSONCOREF"})
CUE_AFTER_WINDOW = 6
CUE_BEFORE_WINDOW = 25


def strip_marks(text: str) -> str:
    """A STATEMENT's words without the enclosing marks, padding, or a final comma (GUIDELINES.md)."""
    text = text.strip()
    if text[:1] in DOUBLE_MARKS:
        text = text[1:]
    if text[-1:] in DOUBLE_MARKS:
        text = text[:-1]
    return text.strip().rstrip(",").rstrip()


def name_words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"\w+", text)}


def gold_quotes(rebuilt: RebuiltArticle, file_name: str) -> list[dict]:
    """The direct quotes of a rebuilt article, attributed from its labels.

    Heuristic, written down because the corpus does not link labels:
    - the cue of a STATEMENT is the nearest CUE/CUECOREF outside any
      statement that starts within ``CUE_AFTER_WINDOW`` characters after its
      end (``”…,” kata X``), else the nearest one ending within
      ``CUE_BEFORE_WINDOW`` characters before its start (``X mengatakan, ”…”``);
    - for a CUE, the mention is the first PERSON/PERSONCOREF after the cue in
      the same clause (``kata Kepala Dinas … Syafrin``), else the last one
      before it (``Syafrin mengatakan``); a clause ends at a sentence end or a
      quotation mark, and reaches at most ``MENTION_REACH`` characters;
    - a PERSONCOREF resolves to the latest earlier PERSON whose words contain
      its words (else the first later one); a role word (``Presiden``) to the
      PERSON written straight after a ROLE containing it; a pronoun (``ia``,
      ``dia``, ``beliau``) to the previous quote's speaker; else it stays as
      written;
    - a CUECOREF (``katanya``) has the mention ``nya`` and resolves like the
      latest PERSON/PERSONCOREF outside quotes before the statement, but only
      when the narrative sentences between that mention's sentence and the
      statement name no one: no capitalised word after a sentence's first
      word, labelled spans aside. PFSA-ID labels only the speakers of direct
      quotes, so a speaker introduced in narrative ("Menurut Tri, …") is
      unlabelled, and the latest labelled person would be a guess: the speaker
      is left null there, which keeps the quote out of attribution accuracy;
    - the cue is written without -nya; ``cited_from`` is not annotated (null).
    """
    spans = sorted(rebuilt.spans)
    statements = [span for span in spans if span[2] == "STATEMENT"]
    cues = [span for span in spans if span[2] in CUE_LABELS and not any(s <= span[0] < e for s, e, _ in statements)]
    people = Attribution(
        rebuilt.text,
        mentions=[span for span in spans if span[2] in MENTION_LABELS],
        persons=[span for span in spans if span[2] == "PERSON"],
        roles=[span for span in spans if span[2] == "ROLE"],
    )
    text = rebuilt.text
    rows: list[dict] = []
    for start, end, _ in statements:
        quote = strip_marks(text[start:end])
        if not quote:
            continue
        after = [cue for cue in cues if 0 <= cue[0] - end <= CUE_AFTER_WINDOW]
        before = [cue for cue in cues if 0 <= start - cue[1] <= CUE_BEFORE_WINDOW]
        cue = min(after, key=lambda c: c[0] - end) if after else (max(before, key=lambda c: c[1]) if before else None)
        speaker = mention_text = cue_text = ""
        if cue is not None:
            cue_text = strip_clitic(text[cue[0] : cue[1]])
            if cue[2] == "CUECOREF":
                # The clitic of the cue ('katanya'), written as the table writes a clitic mention.
                mention_text = clitic_of(text[cue[0] : cue[1]]) or word_lists().clitics[0]
                speaker = people.clitic_speaker(start, statements, spans)
            else:
                mention = people.mention_of(cue)
                if mention is not None:
                    mention_text = text[mention[0] : mention[1]]
                    speaker = people.resolve(mention)
        if speaker:
            people.last_speaker = speaker
        rows.append(
            {
                "file": file_name,
                "quote": quote,
                "type": "direct",
                "speaker": speaker or None,
                "speaker_mention": mention_text or None,
                "cue": cue_text or None,
                "cited_from": None,
            }
        )
    return rows


Span = tuple[int, int, str]
CLAUSE_END = re.compile(r"[.?!](?:\s|$)|[\"”“]")
# Singular only: a pronoun mention resolves to one speaker, the last one.

SENTENCE_BREAK = re.compile(r"[.?!](?:\s+|$)")
NAME_INSIDE_SENTENCE = re.compile(r"(?<=\s)[A-Z]\w*")
MENTION_REACH = 150


@dataclass
class Attribution:
    """The labelled people of an article, for attributing its quotes."""

    text: str
    mentions: list[Span]
    persons: list[Span]
    roles: list[Span]
    last_speaker: str = ""

    def words(self, span: Span) -> set[str]:
        return name_words(self.text[span[0] : span[1]])

    def same_clause(self, start: int, end: int) -> bool:
        return end - start <= MENTION_REACH and not CLAUSE_END.search(self.text, start, end)

    def mention_of(self, cue: Span) -> Span | None:
        after = [m for m in self.mentions if m[0] >= cue[1] and self.same_clause(cue[1], m[0])]
        if after:
            return min(after)
        before = [m for m in self.mentions if m[1] <= cue[0] and self.same_clause(m[1], cue[0])]
        return max(before, key=lambda m: m[1]) if before else None

    def resolve(self, mention: Span) -> str:
        written = self.text[mention[0] : mention[1]]
        if mention[2] == "PERSON":
            return written
        if written.lower() in word_classes().singular_pronouns:
            return self.last_speaker or self.latest_person_before(mention[0])
        words = self.words(mention)
        named = [person for person in self.persons if words and words <= self.words(person)]
        titled = [
            person
            for role in self.roles
            if words and words <= self.words(role)
            for person in self.persons
            if 0 <= person[0] - role[1] <= 2
        ]
        for candidates in (named, titled):
            earlier = [person for person in candidates if person[0] < mention[0]]
            if candidates:
                chosen = earlier[-1] if earlier else candidates[0]
                return self.text[chosen[0] : chosen[1]]
        return written

    def clitic_speaker(self, quote_start: int, statements: list[Span], labelled: list[Span]) -> str:
        """The person a -nya cue refers to, where the labels make it clear (else "")."""
        earlier = [m for m in self.mentions if m[1] <= quote_start and not any(s <= m[0] < e for s, e, _ in statements)]
        if not earlier:
            return ""
        mention = max(earlier, key=lambda m: m[1])
        between = list(self.text[mention[1] : quote_start])
        for start, end, _ in labelled:
            for offset in range(max(start, mention[1]), min(end, quote_start)):
                between[offset - mention[1]] = " "
        later_sentences = SENTENCE_BREAK.split("".join(between))[1:]
        if any(NAME_INSIDE_SENTENCE.search(sentence.strip()) for sentence in later_sentences):
            return ""
        return self.resolve(mention)

    def latest_person_before(self, offset: int) -> str:
        earlier = [person for person in self.persons if person[1] <= offset]
        return self.text[earlier[-1][0] : earlier[-1][1]] if earlier else ""


UNLABELLED_REASON = "quoted words PFSA-ID leaves unlabelled (it annotates public figures only)"


def export_gold(articles: Iterable[Article], folder: Path) -> int:
    """Write each article as ``articles/<fingerprint>.txt``, plus ``gold.jsonl`` and ``borderline.jsonl``.

    The borderline table lists the unlabelled quoted passages, so that a
    scorer neither rewards nor penalises finding them. Returns the number of
    gold quotes.
    """
    # The articles get a folder of their own: a folder given to the pipeline would read the tables too.
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    count = 0
    with open(folder / "gold.jsonl", "w", encoding="utf-8") as gold, open(
        folder / "borderline.jsonl", "w", encoding="utf-8"
    ) as borderline:
        for article in articles:
            rebuilt = rebuild(article)
            file_name = f"{rebuilt.fingerprint}.txt"
            (folder / "articles" / file_name).write_text(rebuilt.text + "\n", encoding="utf-8")
            for row in gold_quotes(rebuilt, file_name):
                gold.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
            for start, end in rebuilt.unlabelled_quotes:
                row = {"file": file_name, "text": strip_marks(rebuilt.text[start:end]), "reason": UNLABELLED_REASON}
                borderline.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count


def iter_rebuilt(path: str | Path) -> Iterator[RebuiltArticle]:
    """The rebuilt articles of a PFSA-format file (no deduplication beyond the file itself)."""
    yield from (rebuild(article) for article in read_articles([path]))
