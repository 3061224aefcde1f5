"""The speaker model's corpus readers on hand-written samples of each format, a tiny training run, and the shipped model.

The samples are written here in each corpus's own format; the corpora
themselves (../shared/corpora) are not needed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import DocBin

from quotes.training.ner_corpora import (
    CORPORA,
    LABEL_MAPS,
    LABELS,
    Passage,
    convert,
    detokenize,
    make_doc,
    organisation_words,
    read_inline,
    read_pfsa,
    read_tagged,
    sentence_key,
)

ROOT = Path(__file__).resolve().parents[2]
SPEAKERS_MODEL = ROOT / "models" / "speakers"
SEED_ARTICLE = ROOT / "seeds" / "000_a6f9d7107e9269aa.txt"

NERGRIT = (
    "Joko\tB-PERSON\nWidodo\tI-PERSON\nmengunjungi\tO\nSurabaya\tB-PLACE\nbersama\tO\n"
    "PT\tB-ORGANISATION\nPindad\tI-ORGANISATION\n.\tO\n\n"
    "Ia\tO\nlahir\tO\ndi\tO\nSolo\tB-PLACE\n.\tO\n"
)
NERP = (
    "kepala\tO\ndinas\tO\nmanado\tB-PLC\namos\tB-PPL\nkenda\tI-PPL\nmenyatakan\tO\nsalah satu\tO\n"
    "produk\tO\nyamaha\tB-IND\ndipamerkan\tO\ndi\tO\npiala\tB-EVT\ndunia\tI-EVT\n.\tO\n\n"
    "kader\tO\ngolkar\tO\nmakan\tO\nrendang\tB-FNB\n.\tO\n\n"
)
IDNER = (
    "Soal PROPN O\r\ncalon NOUN O\r\npresiden NOUN O\r\n, PUNCT O\r\nkata NOUN O\r\nAnis PROPN B-PER\r\n"
    "Matta PROPN I-PER\r\ndari ADP O\r\nPartai PROPN B-ORG\r\nGolkar PROPN I-ORG\r\ndi ADP O\r\n"
    "Jakarta PROPN B-LOC\r\n. PUNCT O\r\n\r\n"
)
YUSUF = (
    "Pengamat politik dari <ORGANIZATION>Universitas Gadjah Mada</ORGANIZATION>, <PERSON>Arie Sudjito</PERSON>, "
    "menilai pada <TIME>Senin</TIME>.\n"
    "Presiden memilih <PERSON>H. M.\nPrasetyo</PERSON> di <LOCATION>Jakarta</LOCATION>.\n"
)
PFSA = (
    "JAKARTA\tO\n,\tO\nKOMPAS\tO\n—\tO\nWarga\tO\nBogor\tU-LOCATION\nmemakai\tO\nmasker\tO\n.\tO\n\n"
    "”\tB-STATEMENT\nKita\tI-STATEMENT\ndisiplin\tI-STATEMENT\n,\tI-STATEMENT\n”\tL-STATEMENT\n"
    "kata\tU-CUE\nKepala\tB-ROLE\nDinas\tL-ROLE\nBudi\tB-PERSON\nSantoso\tL-PERSON\ndari\tO\n"
    "Pemkot\tB-AFFILIATION\nBogor\tL-AFFILIATION\n.\tO\n\n"
)


def spans_of(passage: Passage) -> set[tuple[str, str]]:
    return {(passage.text[start:end], label) for start, end, label in passage.spans}


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("id")


@pytest.fixture
def corpora_dir(tmp_path: Path) -> Path:
    """A tiny copy of the corpora folder: each corpus in its own format, with overlaps across corpora."""
    root = tmp_path / "corpora"
    files = {
        "indonlu-nergrit": {"train_preprocess.txt": NERGRIT, "valid_preprocess.txt": NERGRIT, "test_preprocess.txt": NERGRIT},
        "indonlu-nerp": {"train_preprocess.txt": NERP, "valid_preprocess.txt": NERP, "test_preprocess.txt": NERP},
        # idner's test sentence is yusufsyaifudin's first training sentence, without tags and quote marks.
        "idner-news-2k": {
            "train.txt": IDNER,
            "dev.txt": IDNER,
            "test.txt": "Pengamat PROPN O\npolitik NOUN O\ndari ADP O\nUniversitas PROPN B-ORG\nGadjah PROPN I-ORG\n"
            "Mada PROPN I-ORG\n, PUNCT O\nArie PROPN B-PER\nSudjito PROPN I-PER\n, PUNCT O\nmenilai VERB O\n"
            "pada ADP O\nSenin PROPN O\n. PUNCT O\n\n",
        },
        "indonesia-ner-yusufsyaifudin": {"data_train.txt": YUSUF, "data_test.txt": YUSUF},
        "pfsa-id": {"dev-40.txt": PFSA, "med-dev-dl-20-v2.txt": PFSA},
    }
    for corpus in CORPORA:
        folder = root / corpus.name
        folder.mkdir(parents=True)
        for name, text in files[corpus.name].items():
            (folder / name).write_bytes(text.encode("utf-8"))
        for notice in corpus.notices:
            (folder / notice).write_text(f"{corpus.license} notice of {corpus.name}\n", encoding="utf-8")
    return root


def test_detokenize_writes_punctuation_and_marks_as_news_does():
    text, starts = detokenize(['"', "Kita", "siap", ",", '"', "kata", "dia", "(", "45", ")", "soal", "Covid", "-", "19", "."])
    assert text == '"Kita siap," kata dia (45) soal Covid-19.'
    assert [text[start] for start in starts[:3]] == ['"', "K", "s"]


def test_tab_separated_iob_nergrit(tmp_path):
    path = tmp_path / "train_preprocess.txt"
    path.write_text(NERGRIT, encoding="utf-8")
    first, second = read_tagged(path, LABEL_MAPS["indonlu-nergrit"], "\t")
    assert first.text == "Joko Widodo mengunjungi Surabaya bersama PT Pindad."
    assert spans_of(first) == {("Joko Widodo", "PERSON"), ("Surabaya", "LOC"), ("PT Pindad", "ORG")}
    assert spans_of(second) == {("Solo", "LOC")}


def test_nerp_maps_its_labels_and_drops_events_and_food(tmp_path):
    path = tmp_path / "train_preprocess.txt"
    path.write_text(NERP, encoding="utf-8")
    first, second = read_tagged(path, LABEL_MAPS["indonlu-nerp"], "\t")
    assert "salah satu produk" in first.text  # a token holding a space stays one token's text
    assert spans_of(first) == {("manado", "LOC"), ("amos kenda", "PERSON"), ("yamaha", "ORG")}
    assert spans_of(second) == set()


def test_space_separated_columns_with_crlf_idner(tmp_path):
    path = tmp_path / "train.txt"
    path.write_bytes(IDNER.encode("utf-8"))
    (passage,) = read_tagged(path, LABEL_MAPS["idner-news-2k"], None)
    assert passage.text == "Soal calon presiden, kata Anis Matta dari Partai Golkar di Jakarta."
    assert spans_of(passage) == {("Anis Matta", "PERSON"), ("Partai Golkar", "ORG"), ("Jakarta", "LOC")}


def test_inline_tags_rejoin_a_sentence_broken_inside_a_name(tmp_path):
    path = tmp_path / "data_train.txt"
    path.write_text(YUSUF, encoding="utf-8")
    first, second = read_inline(path, LABEL_MAPS["indonesia-ner-yusufsyaifudin"])
    assert first.text == "Pengamat politik dari Universitas Gadjah Mada, Arie Sudjito, menilai pada Senin."
    assert spans_of(first) == {("Universitas Gadjah Mada", "ORG"), ("Arie Sudjito", "PERSON")}  # TIME is left out
    assert second.text == "Presiden memilih H. M. Prasetyo di Jakarta."
    assert spans_of(second) == {("H. M. Prasetyo", "PERSON"), ("Jakarta", "LOC")}


def test_inline_tags_must_balance(tmp_path):
    path = tmp_path / "data_train.txt"
    path.write_text("Kata <PERSON>Arie</LOCATION> kemarin.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unbalanced"):
        read_inline(path, {"PERSON": "PERSON"})


def test_pfsa_keeps_person_and_affiliation_and_leaves_other_capitals_unknown(tmp_path, blank):
    (tmp_path / "dev-40.txt").write_text(PFSA, encoding="utf-8")
    (tmp_path / "med-dev-dl-20-v2.txt").write_text("", encoding="utf-8")
    # The sample holds none of the fixed dev articles, and only the paragraph with a speaker is kept.
    assert read_pfsa(tmp_path, "dev") == []
    (passage,) = read_pfsa(tmp_path, "train")
    assert spans_of(passage) == {("Budi Santoso", "PERSON"), ("Pemkot Bogor", "ORG")}
    doc = make_doc(blank, passage)
    missing = {token.text for token in doc if token.ent_iob == 0}
    assert missing == {"Kita", "Kepala", "Dinas"}  # capitals outside the spans: maybe entities, maybe not
    assert {token.text: token.ent_iob_ for token in doc}["kata"] == "O"


def test_organisation_words_come_from_fully_labelled_text(blank):
    docs = [
        make_doc(blank, Passage("Kader Golkar dan KPK hadir.", ((6, 12, "ORG"), (17, 20, "ORG")), ())),
        make_doc(blank, Passage("Golkar menang, KPK diam.", ((0, 6, "ORG"),), ())),
    ]
    assert organisation_words(docs) == {"golkar"}  # KPK is ORG in one of its two uses: not enough
    nerp = make_doc(blank, Passage("kader golkar makan", (), ()), unknown_words=frozenset({"golkar"}))
    assert [token.ent_iob_ for token in nerp] == ["O", "", "O"]


def test_sentence_keys_ignore_case_spacing_and_marks():
    assert sentence_key('"Kita siap," kata Arie.') == sentence_key("kita siap , kata arie .")


def test_conversion_keeps_test_sentences_out_of_training(corpora_dir, tmp_path, blank):
    conversion = convert(corpora_dir, tmp_path / "converted", blank)
    # yusufsyaifudin's first sentence is idner's test sentence; its second is in its own test split.
    assert conversion.kept["indonesia-ner-yusufsyaifudin"] == {"train": 0, "test": 2}
    assert conversion.dropped_as_test["indonesia-ner-yusufsyaifudin"] == {"train": 2}
    # NERGRIT and NERP use one sample for all three splits: the test copy wins.
    assert conversion.kept["indonlu-nergrit"] == {"train": 0, "dev": 0, "test": 2}
    assert conversion.kept["idner-news-2k"] == {"train": 1, "dev": 1, "test": 1}
    for corpus in CORPORA:
        assert conversion.test_path(corpus.name).exists()
    train = list(DocBin().from_disk(tmp_path / "converted" / "train.spacy").get_docs(blank.vocab))
    assert {entity.label_ for doc in train for entity in doc.ents} <= set(LABELS)
    texts = {doc.text for doc in train}
    assert not any("Arie Sudjito" in text for text in texts)


@pytest.mark.slow
def test_train_speakers_end_to_end_on_a_tiny_sample(corpora_dir, tmp_path):
    from quotes.training.speakers import LICENSE, train_speakers

    output = tmp_path / "speakers"
    result = train_speakers(
        corpora_dir, output, max_steps=4, eval_frequency=2, retrain_command="quotes train-speakers CORPORA -o OUT",
        speed_words=500, log=lambda message: None,
    )
    nlp = spacy.load(output)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert nlp.meta["license"] == LICENSE == "CC BY-NC-SA 4.0"
    assert {source["name"]: source["license"] for source in nlp.meta["sources"]} == {
        "pfsa-id": "CC BY-NC-SA 4.0",
        "idner-news-2k": "MIT",
        "indonlu-nergrit": "Apache-2.0",
        "indonlu-nerp": "Apache-2.0",
        "indonesia-ner-yusufsyaifudin": "MIT",
    }
    assert set(result.scores) == {corpus.name for corpus in CORPORA}
    assert set(result.scores["pfsa-id"]) == {"PERSON", "ORG", "micro"}
    assert nlp.config["paths"]["train"] is None
    card = (output / "README.md").read_text(encoding="utf-8")
    assert "quotes train-speakers CORPORA -o OUT" in card
    assert "| indonlu-nergrit (test_preprocess.txt) |" in card
    assert (output / "licenses" / "indonlu-nergrit-NERGRIT-README.md").exists()


@pytest.mark.skipif(not SPEAKERS_MODEL.exists(), reason="models/speakers is not shipped in this checkout")
class TestShippedModel:
    @pytest.fixture(scope="class")
    def speakers(self) -> Language:
        return spacy.load(SPEAKERS_MODEL)

    def test_it_labels_people_organisations_and_places_and_says_its_license(self, speakers):
        assert speakers.pipe_names == ["tok2vec", "ner"]
        assert set(speakers.get_pipe("ner").labels) == set(LABELS)
        assert speakers.meta["license"] == "CC BY-NC-SA 4.0"
        meta = json.loads((SPEAKERS_MODEL / "meta.json").read_text(encoding="utf-8"))
        assert set(meta["quotes"]["test_scores"]) == {corpus.name for corpus in CORPORA}

    def test_a_seed_speaker_is_a_person(self, speakers):
        entities = {(entity.text, entity.label_) for entity in speakers(SEED_ARTICLE.read_text(encoding="utf-8")).ents}
        assert ("Jake Sullivan", "PERSON") in entities
        assert ("Joe Biden", "PERSON") in entities
