"""Reading stage: every kind of input becomes a Document or one clear InputError."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from quotes.io.reading import Document, InputError, read_inputs

ARTICLE = "“Kami siap,” kata Jake Sullivan, penasihat keamanan nasional Biden.\n"


def read(*inputs: str | Path, max_chars: int | None = None) -> tuple[list[Document | InputError], list[str]]:
    warnings: list[str] = []
    kwargs = {"max_chars": max_chars} if max_chars else {}
    items = list(read_inputs([str(item) for item in inputs], warnings.append, **kwargs))
    return items, warnings


def only(items: list[Document | InputError]) -> Document | InputError:
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),
        ARTICLE.encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16 LE BOM", "utf-16 BE BOM"],
)
def test_text_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    items, warnings = read(path)
    assert only(items) == Document("a.txt", ARTICLE)
    assert warnings == []


def test_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("cp1252"))
    items, warnings = read(path)
    assert only(items) == Document("a.txt", ARTICLE)
    assert len(warnings) == 1 and "a.txt" in warnings[0] and "cp1252" in warnings[0]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty document"),
        (b"%PDF-1.7\n...", "binary file (PDF)"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file (PNG image)"),
        (bytes(range(256)) * 4, "binary file"),
        (ARTICLE.encode("utf-16-le"), "UTF-16 text needs a byte-order mark"),
        (b"<!DOCTYPE html>\n<html><body><p>Halo</p></body></html>", "HTML page"),
    ],
    ids=["empty", "whitespace", "pdf", "png", "bytes", "utf-16 without BOM", "html"],
)
def test_unusable_files_get_one_clear_error(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    items, _ = read(path)
    error = only(items)
    assert isinstance(error, InputError)
    assert error.name == str(path) and reason in error.reason


def test_a_stray_nul_is_kept_with_a_warning(tmp_path: Path) -> None:
    text = ARTICLE * 20 + "\x00" + ARTICLE
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    items, warnings = read(tmp_path / "a.txt")
    assert only(items) == Document("a.txt", text)
    assert "NUL" in warnings[0]


def test_too_long_documents_are_refused(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("kata " * 300, encoding="utf-8")
    items, _ = read(tmp_path / "long.txt", max_chars=1000)
    assert isinstance(only(items), InputError) and "too long" in only(items).reason


def test_folders_are_walked_recursively_in_name_order_without_hidden_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/c.txt", ".hidden.txt", ".git/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    items, _ = read(tmp_path)
    assert [item.doc_id for item in items] == ["a/c.txt", "a/z.txt", "b.txt"]


def test_missing_input_is_named(tmp_path: Path) -> None:
    items, _ = read(tmp_path / "nope.txt")
    assert only(items) == InputError(str(tmp_path / "nope.txt"), "no such file or folder")


def test_jsonl_reads_metadata_and_names_each_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": 7, "text": "satu", "source": "Kompas", "url": "u", "date": "2022-01-01"}\n'
        "{broken\n"
        "\n"
        '["a list"]\n'
        '{"text": 5}\n'
        '{"title": "no text"}\n'
        '{"text": "   "}\n'
        '{"text": "dua"}\n',
        encoding="utf-8",
    )
    items, _ = read(path)
    assert items[0] == Document("7", "satu", source="Kompas", url="u", date="2022-01-01")
    errors = [item for item in items if isinstance(item, InputError)]
    assert [error.name for error in errors] == [str(path)] + [f"{path}:{n}" for n in (4, 5, 6, 7)]
    assert errors[0].reason.startswith("invalid JSON on line 2: ")
    assert items[-1] == Document("news:8", "dua")


def test_jsonl_in_utf16_and_cp1252(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes('{"id": "a", "text": "“Ya,” katanya."}\n'.encode("utf-16"))
    (tmp_path / "b.jsonl").write_bytes('{"id": "b", "text": "“Ya,” katanya."}\n'.encode("cp1252"))
    items, warnings = read(tmp_path)
    assert items == [Document("a", "“Ya,” katanya."), Document("b", "“Ya,” katanya.")]
    assert len(warnings) == 1 and "b.jsonl:1" in warnings[0]


def test_csv_with_multiline_fields_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text('id,text,source\n1,"baris satu\nbaris dua",Kompas\n2,,\n3,tiga,\n', encoding="utf-8")
    items, _ = read(path)
    assert items[0] == Document("1", "baris satu\nbaris dua", source="Kompas")
    assert items[1] == InputError(f"{path}:4", "empty text")
    assert items[2] == Document("3", "tiga")


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("id,body\n1,x\n", encoding="utf-8")
    items, _ = read(path)
    assert isinstance(only(items), InputError) and "no 'text' column" in only(items).reason


@pytest.mark.parametrize(
    "data, expected",
    [
        (b'{"id": "s", "text": "dari stdin"}\n', Document("s", "dari stdin")),
        (ARTICLE.encode("utf-8"), Document("<stdin>", ARTICLE)),
    ],
    ids=["jsonl", "text"],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, expected: Document) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items, _ = read("-")
    assert only(items) == expected


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "satu"}\n' * 3, encoding="utf-8")
    items = read_inputs([str(path)])
    assert next(items) == Document("news:1", "satu")
    # The rest of the file is read only when asked for: changing it now still shows.
    with path.open("a", encoding="utf-8") as stream:
        stream.write('{"text": "empat"}\n')
    assert [item.text for item in items] == ["satu", "satu", "empat"]


def test_a_folder_reads_only_text_jsonl_json_and_csv_and_names_the_rest(tmp_path: Path) -> None:
    for name in ("a.txt", "b.jsonl", "c.json", "d.csv", "notes.md", "sub/x.pdf", "sub/y.TXT"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b", "text": "dua"}\n', encoding="utf-8")
    (tmp_path / "c.json").write_text('[{"id": "c1", "text": "tiga"}, {"id": "c2", "text": "empat"}]', encoding="utf-8")
    (tmp_path / "d.csv").write_text("id,text\nd,lima\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub/x.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "sub/y.TXT").write_text(ARTICLE, encoding="utf-8")
    skipped: list[str] = []
    items = list(read_inputs([str(tmp_path)], on_skip=skipped.append))
    assert [item.doc_id for item in items] == ["a.txt", "b", "c1", "c2", "d", "sub/y.TXT"]
    assert skipped == ["notes.md", "sub/x.pdf"]
    # A file named on the command line is read whatever its name.
    items, _ = read(tmp_path / "notes.md")
    assert only(items) == Document("notes.md", ARTICLE)


def test_a_json_file_holds_one_object_an_array_or_one_object_a_line(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text('{\n  "id": "o",\n  "text": "satu",\n  "title": "Judul"\n}\n', encoding="utf-8")
    (tmp_path / "lines.json").write_text('{"id": "l1", "text": "dua"}\n{"id": "l2", "text": "tiga"}\n', encoding="utf-8")
    items, _ = read(tmp_path / "one.json", tmp_path / "lines.json")
    assert items == [Document("o", "satu", title="Judul"), Document("l1", "dua"), Document("l2", "tiga")]


def test_invalid_json_reads_well(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "satu"}\n{"text": "dua"}\n{"id": "c", "text": "tab\there"}\n', encoding="utf-8")
    items, _ = read(path)
    assert str(items[2]) == f"{path}: invalid JSON on line 3: Invalid control character at column 25"


def test_title_and_url_fields_are_read(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("id,text,title,url,date\n1,satu,Judul Berita,https://example.id/1,2022-03-23\n", encoding="utf-8")
    items, _ = read(path)
    assert only(items) == Document("1", "satu", url="https://example.id/1", date="2022-03-23", title="Judul Berita")


def several_articles() -> str:
    body = "Kata demi kata berita ini terus berlanjut panjang sekali di sini. " * 3
    return "".join(
        f"{headline}\n\nLiputan6.com, Jakarta - {body}\n"
        for headline in ("Harga Minyak Naik Lagi Hari Ini", "Biden Dan Putin Bicara Lewat Telepon")
    )


def test_stdin_with_several_articles_warns_and_stays_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    text = several_articles()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    items, warnings = read("-")
    assert only(items) == Document("<stdin>", text)
    assert len(warnings) == 1 and "2 articles" in warnings[0] and "--split" in warnings[0] and "JSONL" in warnings[0]


def test_stdin_split_gives_one_document_per_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("satu\fdua\n".encode())))
    assert list(read_inputs(["-"], split=True)) == [Document("<stdin>#1", "satu"), Document("<stdin>#2", "dua\n")]
    # One article stays one document, under its usual name.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    assert list(read_inputs(["-"], split=True)) == [Document("<stdin>", ARTICLE)]
