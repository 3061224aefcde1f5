"""Highlighting: an article with its quotes, cues and speakers marked, as HTML.

:func:`render` reuses displaCy's span renderer (``style="span"``), so the
result looks like any displaCy visualisation and overlapping spans (a "-nya"
clitic that is both cue and speaker mention) stack under the words. Each
quote's label carries a link to its speaker in the list below the article.
Two things differ from displaCy's own rendering (:class:`SpanMarkup`): the text
keeps its own spacing ("Virtual, 2 Jam", not "Virtual , 2 Jam"), and a label
that would run into the next one ("SPEAKER Dmitry Peskov" over "Ia", then "CUE"
on "mengatakan") goes one row lower.
:func:`render_rows` does the same for a stored article and its table rows,
without a Doc (the article pages of ``quotes serve``). :func:`page` lays
several articles out as one self-contained HTML page, each highlighted beside
its quote table (``quotes show``).
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter, defaultdict
from itertools import pairwise
from typing import Any, Iterable, Sequence

from spacy.displacy.render import SpanRenderer
from spacy.displacy.templates import TPL_SPAN, TPL_SPAN_SLICE, TPL_SPAN_START
from spacy.tokens import Doc, Span
from spacy.util import escape_html

from quotes.components.structure import paragraph_bounds
from quotes.speakers import fold

# displaCy colours are keyed by label; quote types share a hue family, cue and speaker stand apart.
LABEL_COLORS = {
    "DIRECT": "#7aecec",
    "INDIRECT": "#bfeeb7",
    "MIXED": "#feca74",
    "CUE": "#c887fb",
    "SPEAKER": "#ff9561",
}
QUOTE_LABELS = {"direct": "DIRECT", "indirect": "INDIRECT", "mixed": "MIXED"}
UNKNOWN_SPEAKER = "(no speaker)"
# How far from its quote render_rows looks for the cue and mention words (a sentence or so).
NEAR_QUOTE_CHARS = 200
# Line breaks a crawler wrote out as text ("Antara/Reuters\\r\\n"): shown as a space, not as backslashes.
LITERAL_BREAK = re.compile(r"(?:\\+r)?\\+n(?![a-z])|\\+r(?![a-z])")
# How wide a label is against the text, to keep labels apart (see SpanMarkup): the text's
# characters are taken narrow and the labels' wide (0.6em bold capitals, 3px padding each side),
# so that two labels put on one row never touch however the browser sets them.
TEXT_EM_PER_CHAR = 0.42
LABEL_EM_PER_CHAR = 0.45
LABEL_PADDING_EM = 0.8


def speaker_anchor(speaker: str, prefix: str = "") -> str:
    """The element id of a speaker's entry: ``speaker-jake-sullivan``."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(speaker or UNKNOWN_SPEAKER)).strip("-") or "unknown"
    return f"{prefix}speaker-{slug}"


def render(doc: Doc, id_prefix: str = "", title: str | None = None) -> str:
    """HTML of ``doc`` with quote, cue and speaker spans coloured, each quote linked to its speaker.

    ``id_prefix`` keeps element ids unique when several documents share a page.
    """
    heading = title if title is not None else " · ".join(part for part in (doc._.doc_id, doc._.source) if part)
    said = [(quote.speaker, quote.mention_text if quote.mention is not None else "") for quote in doc._.quotes or []]
    # Each token with the spacing that follows it in the text: SpanMarkup writes it as it was.
    tokens = [token.text_with_ws for token in doc]
    return _article(tokens, paragraph_bounds(doc), list(_spans(doc, id_prefix)), said, heading, id_prefix)


def render_rows(text: str, rows: Sequence[dict[str, Any]], id_prefix: str = "", title: str = "") -> str:
    """HTML of a stored article's ``text`` with its table ``rows`` marked as :func:`render` marks a Doc's quotes.

    Needs no pipeline: quotes are marked at their rows' ``start_char``/``end_char``. The table keeps
    no offsets for cues and mentions, so each is marked at the occurrence of its words nearest
    its quote (within ``NEAR_QUOTE_CHARS``), outside it.
    """
    marked = list(_row_spans(text, rows, id_prefix))
    tokens, starts, paragraphs = _split(text, {offset for span in marked for offset in (span["start_char"], span["end_char"])})
    spans = [
        {
            **{key: value for key, value in span.items() if key not in ("start_char", "end_char")},
            "start_token": bisect.bisect_left(starts, span["start_char"]),
            "end_token": bisect.bisect_left(starts, span["end_char"]),
        }
        for span in marked
    ]
    said = [(row["speaker"], row["speaker_mention"]) for row in rows]
    return _article(tokens, paragraphs, spans, said, title, id_prefix)


def _article(
    tokens: Sequence[str],
    paragraphs: Iterable[tuple[int, int]],
    spans: Sequence[dict[str, Any]],
    said: Sequence[tuple[str, str]],
    heading: str,
    id_prefix: str,
) -> str:
    parsed = [_paragraph(tokens, start, end, spans) for start, end in paragraphs]
    article = SpanMarkup({"colors": LABEL_COLORS}).render(parsed) if parsed else ""
    return (
        '<div class="quotes-article">'
        + (f'<h2 style="margin: 0 0 1rem">{html.escape(heading)}</h2>' if heading else "")
        + article
        + _speaker_list(said, id_prefix)
        + "</div>"
    )


def _spans(doc: Doc, id_prefix: str) -> Iterable[dict[str, Any]]:
    seen: set[tuple[int, int, str]] = set()
    for quote in doc._.quotes or []:
        speaker = quote.speaker or UNKNOWN_SPEAKER
        link = {"kb_id": html.escape(speaker), "kb_url": f"#{speaker_anchor(speaker, id_prefix)}"}
        marked: list[tuple[Span | None, str, dict[str, str]]] = [
            (quote.span, QUOTE_LABELS.get(quote.quote_type, "DIRECT"), link),
            (quote.cue, "CUE", {}),
            # A mention that is not the name itself ("Ia", "ujarnya") shows who it resolves to.
            (quote.mention, "SPEAKER", link if quote.mention is not None and quote.mention.text != speaker else {}),
        ]
        for span, label, extra in marked:
            if span is None or (span.start, span.end, label) in seen:
                continue
            seen.add((span.start, span.end, label))
            yield {"start_token": span.start, "end_token": span.end, "label": label, **extra}


def _row_spans(text: str, rows: Sequence[dict[str, Any]], id_prefix: str) -> Iterable[dict[str, Any]]:
    seen: set[tuple[int, int, str]] = set()
    for row in rows:
        start, end = int(row["start_char"]), int(row["end_char"])
        speaker = row["speaker"] or UNKNOWN_SPEAKER
        link = {"kb_id": html.escape(speaker), "kb_url": f"#{speaker_anchor(speaker, id_prefix)}"}
        mention = row["speaker_mention"]
        marked: list[tuple[tuple[int, int] | None, str, dict[str, str]]] = [
            ((start, end), QUOTE_LABELS.get(row["quote_type"], "DIRECT"), link),
            (_nearest(text, row["cue"], start, end), "CUE", {}),
            (_nearest(text, mention, start, end), "SPEAKER", link if mention != speaker else {}),
        ]
        for found, label, extra in marked:
            if found is None or (*found, label) in seen:
                continue
            seen.add((*found, label))
            yield {"start_char": found[0], "end_char": found[1], "label": label, **extra}


def _nearest(text: str, words: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``words`` occur as whole words nearest the quote [start, end), outside it."""
    if not words:
        return None
    best: tuple[int, tuple[int, int]] | None = None
    # pos and endpos, not a slice: the word-boundary checks still see the characters around the window.
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
    for found in pattern.finditer(text, max(0, start - NEAR_QUOTE_CHARS), end + NEAR_QUOTE_CHARS):
        found_start, found_end = found.span()
        if found_end > start and found_start < end:
            continue
        distance = start - found_end if found_end <= start else found_start - end
        if best is None or distance < best[0]:
            best = (distance, (found_start, found_end))
    return best[1] if best else None


def _split(text: str, boundaries: set[int]) -> tuple[list[str], list[int], list[tuple[int, int]]]:
    """Tokens (words with the spacing after them, cut where a span begins or ends), their offsets,
    and each line's token range."""
    ordered = sorted(boundaries)
    tokens: list[str] = []
    starts: list[int] = []
    paragraphs: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        first = len(tokens)
        words = list(re.finditer(r"\S+", line))
        for index, word in enumerate(words):
            word_start, word_end = offset + word.start(), offset + word.end()
            # The spacing up to the next word of the line; the line break ends the paragraph.
            spacing = line[word.end() : words[index + 1].start()] if index + 1 < len(words) else ""
            inside = ordered[bisect.bisect_right(ordered, word_start) : bisect.bisect_left(ordered, word_end)]
            cuts = [word_start, *inside, word_end]
            for cut_start, cut_end in pairwise(cuts):
                tokens.append(text[cut_start:cut_end] + (spacing if cut_end == word_end else ""))
                starts.append(cut_start)
        if len(tokens) > first:
            paragraphs.append((first, len(tokens)))
        offset += len(line) + 1
    return tokens, starts, paragraphs


def _paragraph(tokens: Sequence[str], start: int, end: int, spans: Sequence[dict[str, Any]]) -> dict[str, Any]:
    # A quote running over several paragraphs is marked in each, with its label where each part begins.
    clipped = [
        {**span, "start_token": max(span["start_token"], start) - start, "end_token": min(span["end_token"], end) - start}
        for span in spans
        if span["start_token"] < end and span["end_token"] > start
    ]
    return {"tokens": list(tokens[start:end]), "spans": clipped}


def _tight(template: str) -> str:
    """A displaCy template without the line breaks and indents around its elements: between
    inline elements they would show as spaces the text does not have."""
    return re.sub(r"\n\s*", "", template)


class SpanMarkup(SpanRenderer):
    """displaCy's span renderer, keeping the text's spacing and never overlapping two labels.

    Tokens come with the spacing that follows them (``token.text_with_ws``), and
    each is written followed by exactly that spacing: displaCy puts a space after
    every token ("( NATO )") and line breaks around each marked one. Labels are
    absolutely positioned at their span's first token, so a long label ("SPEAKER
    Dmitry Peskov" over "Ia") would cover the next one; each span takes the
    highest row where neither its bar meets a span still open nor its label one
    placed before it, as wide as the label reads (``LABEL_EM_PER_CHAR``).
    """

    def __init__(self, options: dict[str, Any]) -> None:
        # A label is as wide as its words: displaCy's wraps within its token's width, so "SPEAKER
        # Dmitry Peskov" over "Ia" stood three lines high, over the labels of the rows below.
        start = _tight(TPL_SPAN_START).replace("z-index: 10;", "z-index: 10; white-space: nowrap;")
        templates = {"span": _tight(TPL_SPAN), "slice": _tight(TPL_SPAN_SLICE), "start": start}
        super().__init__({**options, "template": templates})

    def _assemble_per_token_info(self, tokens: list[str], spans: list[dict[str, Any]]) -> list[dict[str, Any]]:  # type: ignore[override]
        spans = sorted(spans, key=lambda span: (span["start_token"], -(span["end_token"] - span["start_token"]), span["label"]))
        positions = [0.0]
        for token in tokens:
            positions.append(positions[-1] + len(token) * TEXT_EM_PER_CHAR)
        label_ends: dict[int, float] = {}
        open_spans: list[dict[str, Any]] = []
        by_start: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for span in spans:
            by_start[span["start_token"]].append(span)
        info: list[dict[str, Any]] = []
        for index, token in enumerate(tokens):
            open_spans = [span for span in open_spans if span["end_token"] > index]
            for span in by_start.get(index, []):
                if span["end_token"] <= index:
                    continue
                taken = {other["render_slot"] for other in open_spans}
                slot = 1
                while slot in taken or label_ends.get(slot, float("-inf")) > positions[index]:
                    slot += 1
                span["render_slot"] = slot
                label = span["label"] + (" " + span["kb_id"] if span.get("kb_id") else "")
                label_ends[slot] = positions[index] + len(html.unescape(label)) * LABEL_EM_PER_CHAR + LABEL_PADDING_EM
                open_spans.append(span)
            entities = [
                {
                    "label": span["label"],
                    "is_start": span["start_token"] == index,
                    "render_slot": span["render_slot"],
                    "kb_link": f' <a style="text-decoration: none; color: inherit; font-weight: normal" href="{span.get("kb_url", "#")}">{span["kb_id"]}</a>'
                    if span.get("kb_id")
                    else "",
                }
                for span in open_spans
            ]
            info.append({"text": token, "entities": entities})
        return info

    def _render_markup(self, per_token_info: list[dict[str, Any]]) -> str:
        markup = []
        for token in per_token_info:
            text = LITERAL_BREAK.sub(" ", token["text"])
            word = text.rstrip()
            spacing = escape_html(text[len(word) :])
            entities = token["entities"]
            if not word.strip() or not entities:
                markup.append(escape_html(word) + spacing)
                continue
            height = self.top_offset + self.span_label_offset + self.offset_step * (max(e["render_slot"] for e in entities) - 1)
            markup.append(
                self.span_template.format(
                    text=escape_html(word),
                    span_slices=self._get_span_slices(entities),
                    span_starts=self._get_span_starts(entities),
                    total_height=height,
                )
                + spacing
            )
        return "".join(markup)


def _speaker_list(said: Sequence[tuple[str, str]], id_prefix: str) -> str:
    """The speakers of (speaker, mention) pairs, with their quote counts and the other words that named them."""
    counts: Counter[str] = Counter()
    mentions: dict[str, set[str]] = defaultdict(set)
    for name, mention in said:
        speaker = name or UNKNOWN_SPEAKER
        counts[speaker] += 1
        if mention and mention != speaker:
            mentions[speaker].add(mention)
    if not counts:
        return '<p class="quotes-speakers"><em>No quotes found.</em></p>'
    items = []
    for speaker, count in counts.most_common():
        also = f' <span style="color: #666">(as {html.escape(", ".join(sorted(mentions[speaker])))})</span>' if mentions[speaker] else ""
        items.append(
            f'<li id="{speaker_anchor(speaker, id_prefix)}"><mark style="background: {LABEL_COLORS["SPEAKER"]}; '
            f'padding: 0.1em 0.4em; border-radius: 0.35em">{html.escape(speaker)}</mark> '
            f"{count} quote{'s' * (count != 1)}{also}</li>"
        )
    return f'<div class="quotes-speakers"><h3>Speakers</h3><ul>{"".join(items)}</ul></div>'


PAGE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem; color: #222; }}
section.quotes-document {{ display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2rem; margin-bottom: 4rem; }}
table.quotes-table {{ border-collapse: collapse; font-size: 0.85rem; width: 100%; }}
table.quotes-table th, table.quotes-table td {{ border-bottom: 1px solid #ddd; padding: 0.4rem; text-align: left; vertical-align: top; }}
table.quotes-table th {{ position: sticky; top: 0; background: #fafafa; }}
.quotes-legend mark {{ padding: 0.1em 0.4em; border-radius: 0.35em; margin-right: 0.4em; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="quotes-legend">{legend}</p>
{sections}
</body>
</html>
"""


def page(documents: Sequence[tuple[Doc | None, Sequence[dict[str, Any]]]], title: str = "Who said what") -> str:
    """A self-contained HTML page: each article highlighted, its quote table beside it.

    ``documents`` pairs each Doc (None where only rows exist, e.g. a text cut
    into windows) with its table rows.
    """
    sections = []
    for index, (doc, rows) in enumerate(documents):
        prefix = f"d{index}-"
        if doc is not None:
            article = render(doc, id_prefix=prefix)
        else:
            name = rows[0]["doc_id"] if rows else f"document {index + 1}"
            article = f"<div><h2>{html.escape(name)}</h2><p><em>Too long to highlight; the table lists its quotes.</em></p></div>"
        sections.append(f'<section class="quotes-document">{article}{_table(rows, prefix)}</section>')
    return PAGE.format(title=html.escape(title), legend=legend(), sections="\n".join(sections))


def legend() -> str:
    """The labels in their colours, as a key above highlighted articles."""
    return "".join(f'<mark style="background: {color}">{label.lower()}</mark>' for label, color in LABEL_COLORS.items())


def _table(rows: Sequence[dict[str, Any]], prefix: str) -> str:
    header = "".join(f"<th>{name}</th>" for name in ("speaker", "quote", "type", "cue", "source"))
    body = []
    for row in rows:
        speaker = row["speaker"] or UNKNOWN_SPEAKER
        source = row["source"] + (f" via {row['cited_from']}" if row["cited_from"] else "")
        cells = (
            f'<a href="#{speaker_anchor(speaker, prefix)}">{html.escape(speaker)}</a>',
            html.escape(row["quote"]),
            html.escape(row["quote_type"]),
            html.escape(row["cue"]),
            html.escape(source),
        )
        body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return f'<div><table class="quotes-table"><thead><tr>{header}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
