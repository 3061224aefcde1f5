"""Person, organisation and place entities from five Indonesian corpora, as spaCy Docs.

The speaker model (issue 21) learns PERSON, ORG and LOC from every corpus in
``../shared/corpora`` that labels them, so that the attribution can ask a
model, not a word list, whether a speaker candidate is a person or an
organisation, and whether a pronoun's antecedent is a place. Each corpus keeps
its own splits and gets its own test score. The corpora differ, and this
module is where the differences are settled:

- **Formats.** NERGRIT and NERP are ``token<TAB>IOB2`` (a NERP token may hold a
  space), idner-news-2k is ``token UPOS IOB2`` with CRLF line ends,
  yusufsyaifudin's is raw sentences with inline ``<PERSON>…</PERSON>`` tags (an
  abbreviation's full stop sometimes broke a sentence, and a tag, over two
  lines), PFSA-ID is ``token<TAB>BILOU`` read as whole articles by
  :mod:`quotes.training.corpus`. Token lists are written back as text
  (:func:`detokenize`) and retokenized by the pipeline's own tokenizer, as the
  model will see news.
- **Labels** (:data:`LABEL_MAPS`): NERP's IND (companies, brands, media, clubs)
  becomes ORG; its events and foods, and yusufsyaifudin's TIME and QUANTITY,
  are left out.
- **Partial annotation.** PFSA-ID labels only the names, roles and
  affiliations of *quoted public figures*: any other person, organisation or
  place in its articles is written as ``O``. Training on those ``O`` would teach
  the model to miss exactly the names it is for, so in PFSA-ID every token with
  a capital letter outside a PERSON or AFFILIATION span is marked *missing*
  (neither entity nor ``O``): spaCy's NER neither learns from it nor, when
  scoring, counts a prediction over it. Its lower-case tokens stay ``O``. Only
  the paragraphs of its training articles that hold a PERSON or AFFILIATION
  are used: the others teach nothing the other corpora do not, at four times
  the training time.
- **NERP's organisations.** NERP is lower-cased, and its IND labels products,
  brands, media and clubs, not parties, ministries or the police: "golkar",
  "dpr", "kpk" are ``O`` there. A NERP ``O`` token whose form is mostly inside
  an ORG span in the other corpora's training splits
  (:func:`organisation_words`) is marked missing, in all its splits.
- **Overlap.** idner-news-2k is a re-annotation of yusufsyaifudin's corpus,
  and one corpus's test sentences can be another's training sentences. A
  training or dev sentence whose normalised text (:func:`sentence_key`) is in
  any corpus's test split (or in PFSA-ID's dev split, which stands in for its
  withheld test split) is dropped; a training or dev sentence already taken
  from an earlier corpus in :data:`CORPORA` is dropped too, so idner-news-2k's
  annotation wins over the older one of the same sentence. Test splits are
  never pruned: each corpus is scored on its whole test file.

PFSA-ID's official test split is withheld: only the two files in
:data:`PFSA_FILES` are read, split by the project's fixed dev articles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from quotes.training.corpus import (
    ALWAYS_OPENING,
    DOUBLE_MARKS,
    bilou_spans,
    dev_fingerprints,
    is_glued_joiner,
    joins_without_space,
    read_articles,
    rebuild,
    split_articles,
    training_marks,
)

LABELS: tuple[str, ...] = ("PERSON", "ORG", "LOC")
TRAIN, DEV, TEST = "train", "dev", "test"

# Each corpus's own labels, mapped to ours; a label not named here is left out.
LABEL_MAPS: dict[str, dict[str, str]] = {
    "idner-news-2k": {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"},
    "indonlu-nergrit": {"PERSON": "PERSON", "ORGANISATION": "ORG", "PLACE": "LOC"},
    "indonlu-nerp": {"PPL": "PERSON", "IND": "ORG", "PLC": "LOC"},
    "indonesia-ner-yusufsyaifudin": {"PERSON": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC"},
    "pfsa-id": {"PERSON": "PERSON", "AFFILIATION": "ORG"},
}
# Read in this order only; the corpus's official test file is withheld and never read.
PFSA_FILES = ("dev-40.txt", "med-dev-dl-20-v2.txt")
INLINE_TAG = re.compile(r"<(/?)([A-Z]+)>")

Span3 = tuple[int, int, str]


@dataclass(frozen=True)
class Passage:
    """A sentence (a PFSA-ID paragraph or article) with its entities as character spans in our labels.

    ``keys`` are the normalised texts of its sentences, for deduplication.
    ``capitals_unknown`` marks every capitalised token outside the spans as
    missing annotation (PFSA-ID, see the module docstring).
    """

    text: str
    spans: tuple[Span3, ...]
    keys: tuple[str, ...]
    capitals_unknown: bool = False


def sentence_key(text: str) -> str:
    """A sentence's letters and digits, lower-cased: equal for one sentence however tokenized, cased or quoted."""
    return re.sub(r"[\W_]+", "", text.lower())


def detokenize(tokens: Sequence[str]) -> tuple[str, list[int]]:
    """Tokens written out as news writes them, and each token's start offset in the text.

    No space before closing punctuation or after an opening bracket or mark;
    hyphens and slashes between two words are joined ("Covid-19"). Straight
    double marks alternate between opening and closing.
    """
    pieces: list[str] = []
    starts: list[int] = []
    length = 0
    quote_open = previous_opening = glue_next = False
    for index, token in enumerate(tokens):
        opening = False
        if token in DOUBLE_MARKS:
            opening = token in ALWAYS_OPENING or (token != "»" and not quote_open)
            quote_open = opening
        if index > 0:
            previous = tokens[index - 1]
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            glued = is_glued_joiner(previous, token, following)
            joined = glue_next or glued or joins_without_space(previous, previous_opening, token, opening)
            separator = "" if joined else " "
            glue_next = glued
            pieces.append(separator)
            length += len(separator)
        starts.append(length)
        pieces.append(token)
        length += len(token)
        previous_opening = opening
    return "".join(pieces), starts


def tagged_passage(tokens: Sequence[str], tags: Sequence[str], labels: Mapping[str, str]) -> Passage:
    """A passage from tokens and their IOB2 (or BILOU) tags, keeping the labels ``labels`` maps."""
    text, starts = detokenize(tokens)
    spans = tuple(
        (starts[first], starts[last - 1] + len(tokens[last - 1]), labels[label])
        for first, last, label in bilou_spans(tags)[0]
        if label in labels
    )
    return Passage(text, spans, (sentence_key(text),))


def read_tagged(path: str | Path, labels: Mapping[str, str], separator: str | None) -> list[Passage]:
    """Sentences of a one-token-a-line file, a blank line after each; the tag is the last column.

    ``separator`` is "\\t" for ``token<TAB>tag`` (a token may then hold a
    space), None for columns split at whitespace (``token UPOS tag``).
    """
    passages: list[Passage] = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8", newline="") as stream:
        for number, line in enumerate(stream, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    passages.append(tagged_passage(tokens, tags, labels))
                    tokens, tags = [], []
                continue
            if separator is None:
                columns = line.split()
                token, tag = columns[0], columns[-1]
            else:
                token, _, tag = line.rpartition(separator)
            if not token or len(line.split(separator)) < 2:
                raise ValueError(f"{path}:{number}: expected a token and a tag, got {line!r}")
            tokens.append(token)
            tags.append(tag)
    if tokens:
        passages.append(tagged_passage(tokens, tags, labels))
    return passages


def read_inline(path: str | Path, labels: Mapping[str, str]) -> list[Passage]:
    """Sentences of a one-sentence-a-line file with inline tags (``<PERSON>Arie Sudjito</PERSON>``).

    A line that ends inside a tag is joined to the next one with a space: the
    corpus's sentence splitter broke some sentences (and names) after an
    abbreviation's full stop.
    """
    passages: list[Passage] = []
    pending = ""
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            pending = f"{pending} {line.strip()}" if pending else line.strip()
            text, spans, open_tag = parse_inline(pending, f"{path}:{number}")
            if open_tag or not pending:
                continue
            kept = tuple((start, end, labels[label]) for start, end, label in spans if label in labels)
            passages.append(Passage(text, kept, (sentence_key(text),)))
            pending = ""
    if pending:
        raise ValueError(f"{path}: a tag is still open at the end of the file")
    return passages


def parse_inline(line: str, where: str) -> tuple[str, list[Span3], str | None]:
    """The text of a line without its tags, the tagged spans, and the tag still open at its end (if any)."""
    pieces: list[str] = []
    spans: list[Span3] = []
    length = position = 0
    open_tag: str | None = None
    open_at = 0
    for match in INLINE_TAG.finditer(line):
        pieces.append(line[position : match.start()])
        length += match.start() - position
        position = match.end()
        closing, label = bool(match.group(1)), match.group(2)
        if not closing and open_tag is None:
            open_tag, open_at = label, length
        elif closing and open_tag == label:
            spans.append((open_at, length, label))
            open_tag = None
        else:
            raise ValueError(f"{where}: unbalanced tag {match.group(0)!r}")
    pieces.append(line[position:])
    return "".join(pieces), spans, open_tag


def read_pfsa(folder: str | Path, split: str) -> list[Passage]:
    """PFSA-ID's training articles or its fixed dev articles (``split`` "train" or "dev"), as passages.

    Training articles get the same varied quotation marks as in
    :func:`quotes.training.corpus.convert`; dev articles keep Kompas's own.
    """
    folder = Path(folder)
    articles = read_articles([folder / name for name in PFSA_FILES])
    train, dev = split_articles(articles, dev_fingerprints())
    if split not in (TRAIN, DEV):
        raise ValueError(f"PFSA-ID has only the train and dev splits here, not {split!r}")
    labels = LABEL_MAPS["pfsa-id"]
    passages = []
    for article in train if split == TRAIN else dev:
        rebuilt = rebuild(article, marks=training_marks(article) if split == TRAIN else None)
        spans = tuple((start, end, labels[label]) for start, end, label in rebuilt.spans if label in labels)
        # Every sentence's key goes with each part of the article, so that an overlap drops all of it.
        keys = tuple(sentence_key(" ".join(sentence.tokens)) for sentence in article.sentences)
        parts = paragraphs_with_entities(rebuilt.text, spans) if split == TRAIN else [(rebuilt.text, spans)]
        passages += [Passage(text, part_spans, keys, capitals_unknown=True) for text, part_spans in parts]
    return passages


def paragraphs_with_entities(text: str, spans: Sequence[Span3]) -> list[tuple[str, tuple[Span3, ...]]]:
    """The paragraphs of a text that hold a span, each with its spans' offsets made relative to it."""
    found = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start, end = paragraph.span()
        inside = tuple((first - start, last - start, label) for first, last, label in spans if start <= first and last <= end)
        if inside:
            found.append((paragraph.group(), inside))
    return found


@dataclass(frozen=True)
class NerCorpus:
    """One corpus folder: its files per split, their format, and what using the corpus requires."""

    name: str
    files: dict[str, str]
    format: str  # "tab" (token<TAB>tag), "columns" (token UPOS tag), "inline" (tagged sentences) or "pfsa"
    license: str
    url: str
    citation: str
    # Files of the corpus folder that must travel with a model trained on it (license texts, contributor lists).
    notices: tuple[str, ...] = ()
    labels: tuple[str, ...] = LABELS
    # Its ORG covers only some organisations: the others' words are missing annotation (NERP).
    unlabelled_organisations: bool = False

    def passages(self, corpora_dir: str | Path, split: str) -> list[Passage]:
        """The passages of one split, read from ``corpora_dir/<name>``."""
        folder = Path(corpora_dir) / self.name
        if not folder.is_dir():
            raise FileNotFoundError(f"no corpus folder {folder}")
        if self.format == "pfsa":
            return read_pfsa(folder, split)
        labels = LABEL_MAPS[self.name]
        path = folder / self.files[split]
        if self.format == "inline":
            return read_inline(path, labels)
        return read_tagged(path, labels, "\t" if self.format == "tab" else None)


PFSA_LICENSE = "CC BY-NC-SA 4.0"
# In deduplication order: a sentence already taken from an earlier corpus is not taken again.
CORPORA: tuple[NerCorpus, ...] = (
    NerCorpus(
        "pfsa-id",
        {TRAIN: f"{' + '.join(PFSA_FILES)}: training articles", DEV: f"{' + '.join(PFSA_FILES)}: the fixed dev articles"},
        "pfsa",
        PFSA_LICENSE,
        "https://github.com/sigit-purnomo/pfsa-id-dl",
        "Purnomo W.P., Y. S., Kumar, Y. J., Zulkarnain, N. Z. (2022). PFSA-ID: an annotated Indonesian corpus and "
        "baseline model of public figures statements attributions. Global Knowledge, Memory and Communication. "
        "doi:10.1108/GKMC-04-2022-0091",
        notices=("LICENSE",),
        labels=("PERSON", "ORG"),
    ),
    NerCorpus(
        "idner-news-2k",
        {TRAIN: "train.txt", DEV: "dev.txt", TEST: "test.txt"},
        "columns",
        "MIT",
        "https://github.com/khairunnisaor/idner-news-2k",
        "S. O. Khairunnisa, A. Imankulova, M. Komachi. 2020. Towards a Standardized Dataset on Indonesian Named "
        "Entity Recognition. AACL-IJCNLP 2020 SRW.",
        notices=("LICENSE",),
    ),
    NerCorpus(
        "indonlu-nergrit",
        {TRAIN: "train_preprocess.txt", DEV: "valid_preprocess.txt", TEST: "test_preprocess.txt"},
        "tab",
        "Apache-2.0",
        "https://github.com/IndoNLP/indonlu (dataset/nergrit_ner-grit), from https://github.com/grit-id/nergrit-corpus",
        "B. Wilie et al. 2020. IndoNLU: Benchmark and Resources for Evaluating Indonesian Natural Language "
        "Understanding. AACL-IJCNLP 2020. NERGrit Developers. 2019. NERGrit Corpus. "
        "https://github.com/grit-id/nergrit-corpus (all NERGRIT contributors: NERGRIT-README.md)",
        notices=("LICENSE", "NERGRIT-README.md"),
    ),
    NerCorpus(
        "indonlu-nerp",
        {TRAIN: "train_preprocess.txt", DEV: "valid_preprocess.txt", TEST: "test_preprocess.txt"},
        "tab",
        "Apache-2.0",
        "https://github.com/IndoNLP/indonlu (dataset/nerp_ner-prosa)",
        "D. Hoesen, A. Purwarianti. 2018. Investigating Bi-LSTM and CRF with POS Tag Embedding for Indonesian Named "
        "Entity Tagger. IALP 2018. B. Wilie et al. 2020. IndoNLU. AACL-IJCNLP 2020.",
        notices=("LICENSE",),
        unlabelled_organisations=True,
    ),
    NerCorpus(
        "indonesia-ner-yusufsyaifudin",
        {TRAIN: "data_train.txt", TEST: "data_test.txt"},
        "inline",
        "MIT",
        "https://github.com/yusufsyaifudin/indonesia-ner",
        "Y. Syaifudin. 2016. Quotations Identification from Indonesian Online News Using Rule-Based Method. "
        "Undergraduate thesis, Universitas Gadjah Mada. M. Fachri. 2014. Named Entity Recognition for Indonesian "
        "Text Using Hidden Markov Model. Undergraduate thesis, Universitas Gadjah Mada.",
        notices=("LICENSE.txt",),
    ),
)
CORPUS_BY_FOLDER: dict[str, NerCorpus] = {corpus.name: corpus for corpus in CORPORA}


def evaluation_split(corpus: NerCorpus) -> str:
    """The split a corpus is scored on: its test split, or PFSA-ID's fixed dev split (its test split is withheld)."""
    return TEST if TEST in corpus.files else DEV


def make_doc(nlp: Language, passage: Passage, unknown_words: frozenset[str] = frozenset()) -> Doc:
    """A Doc of the passage in ``nlp``'s tokens, its spans snapped outward to them.

    Outside the spans, a token is missing annotation if the passage marks
    capitals unknown and it has one, or if its lower-case form is in ``unknown_words``.
    """
    doc = nlp.make_doc(passage.text)
    entities: list[Span] = []
    for start, end, label in passage.spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            entities.append(span)
    entities = filter_spans(entities)
    inside = {token.i for entity in entities for token in entity}
    missing = [
        doc[token.i : token.i + 1]
        for token in doc
        if token.i not in inside
        and ((passage.capitals_unknown and any(c.isupper() for c in token.text)) or token.lower_ in unknown_words)
    ]
    doc.set_ents(entities, missing=missing, default="outside")
    return doc


def organisation_words(docs: Iterable[Doc], least: int = 2, share: float = 0.5) -> frozenset[str]:
    """Lower-case forms found at least ``least`` times inside ORG, and there in at least ``share`` of their annotated uses."""
    inside: Counter[str] = Counter()
    annotated: Counter[str] = Counter()
    for doc in docs:
        for token in doc:
            if token.ent_iob == 0 or not any(c.isalpha() for c in token.text):
                continue
            annotated[token.lower_] += 1
            inside[token.lower_] += token.ent_type_ == "ORG"
    return frozenset(word for word, count in inside.items() if count >= least and count >= share * annotated[word])


@dataclass
class Conversion:
    """What :func:`convert` wrote: the DocBins, and how many passages each split kept and dropped."""

    output: Path
    kept: dict[str, dict[str, int]] = field(default_factory=dict)
    # Per corpus and split: passages dropped for sharing a sentence with a test split / with an earlier corpus.
    dropped_as_test: dict[str, dict[str, int]] = field(default_factory=dict)
    dropped_as_duplicate: dict[str, dict[str, int]] = field(default_factory=dict)

    def test_path(self, corpus: str) -> Path:
        return self.output / "test" / f"{corpus}.spacy"


def deduplicate(
    splits: Mapping[str, Mapping[str, list[Passage]]], conversion: Conversion
) -> dict[str, dict[str, list[Passage]]]:
    """Drop training and dev passages that share a sentence with any evaluation split, or with an earlier corpus."""
    held_out = {
        key
        for name, by_split in splits.items()
        for passage in by_split.get(evaluation_split(CORPUS_BY_FOLDER[name]), [])
        for key in passage.keys
        if key
    }
    taken: set[str] = set()
    kept: dict[str, dict[str, list[Passage]]] = {}
    for name, by_split in splits.items():
        evaluated = evaluation_split(CORPUS_BY_FOLDER[name])
        own: set[str] = set()
        kept[name] = {}
        for split, passages in by_split.items():
            if split == evaluated:
                kept[name][split] = list(passages)
                continue
            chosen = []
            as_test = as_duplicate = 0
            for passage in passages:
                keys = [key for key in passage.keys if key]
                if any(key in held_out for key in keys):
                    as_test += 1
                elif any(key in taken for key in keys):
                    as_duplicate += 1
                else:
                    chosen.append(passage)
                    own.update(keys)
            kept[name][split] = chosen
            conversion.dropped_as_test.setdefault(name, {})[split] = as_test
            conversion.dropped_as_duplicate.setdefault(name, {})[split] = as_duplicate
        taken |= own
    return kept


def convert(
    corpora_dir: str | Path,
    output: str | Path,
    nlp: Language,
    corpora: Iterable[NerCorpus] = CORPORA,
) -> Conversion:
    """Convert the corpora into ``train.spacy`` and ``dev.spacy`` (all corpora) and ``test/<corpus>.spacy``.

    ``nlp`` provides the tokenizer; the corpora are read from their folders in
    ``corpora_dir`` and never copied. PFSA-ID's dev articles are both its
    evaluation split and part of the dev set that picks the best checkpoint,
    as for the quote model.
    """
    corpora = list(corpora)
    conversion = Conversion(Path(output))
    splits = {corpus.name: {split: corpus.passages(corpora_dir, split) for split in corpus.files} for corpus in corpora}
    kept = deduplicate(splits, conversion)

    def docs_of(corpus: NerCorpus, unknown_words: frozenset[str] = frozenset()) -> dict[str, list[Doc]]:
        return {split: [make_doc(nlp, p, unknown_words) for p in passages] for split, passages in kept[corpus.name].items()}

    # The fully labelled corpora first: their training splits say which words name organisations.
    docs = {corpus.name: docs_of(corpus) for corpus in corpora if not corpus.unlabelled_organisations}
    words = organisation_words(doc for by_split in docs.values() for doc in by_split.get(TRAIN, []))
    docs.update({corpus.name: docs_of(corpus, words) for corpus in corpora if corpus.unlabelled_organisations})
    shared: dict[str, list[Doc]] = {TRAIN: [], DEV: []}
    for corpus in corpora:
        conversion.kept[corpus.name] = {split: len(passages) for split, passages in kept[corpus.name].items()}
        for split, split_docs in docs[corpus.name].items():
            if split == evaluation_split(corpus):
                write_docs(split_docs, conversion.test_path(corpus.name))
            if split in shared:
                shared[split].extend(split_docs)
    for split, split_docs in shared.items():
        write_docs(split_docs, conversion.output / f"{split}.spacy")
    return conversion


def write_docs(docs: Iterable[Doc], path: Path) -> None:
    docbin = DocBin(store_user_data=False)
    for doc in docs:
        docbin.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
