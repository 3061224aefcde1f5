"""Reporting acts found from cues: leading ('X mengatakan …'), trailing ('…, kata X'), 'Menurut X', subjectless, headlines and layout."""

from __future__ import annotations

import bisect
from typing import Optional

from spacy.tokens import Doc, Span

from quotes.components.finder.clauses import (
    MAX_RELATIVE_CLAUSE_TOKENS,
    Report,
    ends_relative_clause,
    inserted_content_start,
    looks_like_clause,
    reported_content_end,
    reported_content_start,
    strip_connectives,
    strip_end,
    subject_of,
)
from quotes.components.structure import (
    MarkedRegion,
    Regions,
    in_region,
    is_headline,
    opens_a_paragraph,
)
from quotes.lang.doc_words import lowercase_words, places
from quotes.lang.lexicon import word_classes
from quotes.lang.phrases import NAME, ORG, ROLE, Phrase, read_left, read_right
from quotes.lang.words import (
    cue_form,
    headline_cue_form,
    is_acronym,
    is_capitalised,
    is_clitic,
    is_quote_mark,
    vocabulary,
)


def find_reports(doc: Doc, start: int, end: int, regions: list[MarkedRegion]) -> list[Report]:
    """Reporting acts in one sentence."""
    reports: list[Report] = []
    previous: Optional[Report] = None
    headline = is_headline(doc, start, end)
    colon_headline = _colon_headline_report(doc, start, end, regions) if headline else None
    if colon_headline is not None:
        reports.append(colon_headline)
    i = start
    while i < end:
        token = doc[i]
        form = headline_cue_form(token) if headline else cue_form(token)
        if form is None or in_region(i, regions):
            i += 1
            continue
        report = None
        negated = i > start and doc[i - 1].lower_ in word_classes().negators
        if form.kind == "verb" and not negated and not _relative_cue(doc, i, end):
            report = _leading_report(doc, i, start, end, form.cue_class, regions, previous)
        elif form.kind == "according":
            report = _according_report(doc, i, start, end, regions)
        elif form.kind == "passive" and i == start:
            report = _subjectless_report(doc, i, end, regions)
        elif form.kind in ("bare", "clitic", "passive") and i > start and doc[i - 1].text == ",":
            report = _trailing_report(doc, i, start, end, regions, reports)
        elif form.kind == "bare" and i == start and is_capitalised(token):
            report = _fronted_report(doc, i, end, regions)
        elif form.kind in ("bare", "verb", "headline") and is_capitalised(token) and i > start and headline:
            report = _headline_report(doc, i, start, end)
        if report is not None:
            reports.append(report)
            previous = report
        i += 1
    return reports


def _relative_cue(doc: Doc, i: int, end: int) -> bool:
    """'Sopir yang mengaku belum punya SIM ini mengatakan …': a cue in a relative clause
    describes the subject of a later cue verb in the same clause, which is the report."""
    if i == 0 or doc[i - 1].lower_ not in word_classes().relative_markers:
        return False
    for k in range(i + 1, min(end, i + 1 + MAX_RELATIVE_CLAUSE_TOKENS)):
        form = cue_form(doc[k])
        if ends_relative_clause(doc[k]):
            return False
        if form is not None and form.kind == "verb":
            return True
    return False


def _leading_report(doc, i, start, end, cue_class, regions, previous) -> Optional[Report]:
    content_start = reported_content_start(doc, i, end, cue_class, regions)
    subject, _ = subject_of(doc, i, start, previous)
    if subject is None and i == start:
        subject = None  # "Mengatakan bahwa …": the speaker is whoever spoke last
    elif subject is None:
        return None
    if content_start is None:
        return None
    content_end = strip_end(doc, content_start, reported_content_end(doc, content_start, end, regions, cue_class == "directive"))
    if content_end <= content_start:
        return None
    kind = "subjectless" if subject is None else "leading"
    return Report(doc[i : i + 1], subject, doc[content_start:content_end], kind)


def _according_report(doc, i, start, end, regions) -> Optional[Report]:
    if i - 2 >= start and doc[i - 1].text == "," and is_quote_mark(doc[i - 2]) and in_region(i - 2, regions):
        return None
    if i - 1 >= start and is_quote_mark(doc[i - 1]) and in_region(i - 1, regions):
        return None
    # 'Menurutnya, …': the clitic is the speaker, whoever is speaking.
    clitic = is_clitic(doc[i].text)
    phrase = None if clitic else read_right(doc, i + 1, end, descriptive_tail=True)
    if phrase is None and not clitic:
        return None
    after = i + 1 if phrase is None else phrase.span.end
    if after < end and doc[after].text == ",":
        content_start = after + 1
        content_end = strip_end(doc, content_start, reported_content_end(doc, content_start, end, regions, False))
        if i == start or (i > start and doc[i - 1].text in ",(" and content_end > content_start):
            if i > start and doc[i - 1].text == "," and i - 1 > start:
                # "Y1, menurut X, Y2": an inserted cue; the quote is the whole span, cue included.
                content_start = inserted_content_start(doc, start, i - 1, content_start)
            if content_end > content_start:
                return Report(doc[i : i + 1], phrase, doc[content_start:content_end], "according")
        return None
    if after >= end or doc[after].text in ".!?":
        # "…, menurut X." at the end of the sentence.
        if i > start and doc[i - 1].text == ",":
            content_start = strip_connectives(doc, start, i - 1)
            content_end = strip_end(doc, content_start, i - 1)
            if content_end > content_start and not any(in_region(k, regions) for k in (content_start, content_end - 1)):
                return Report(doc[i : i + 1], phrase, doc[content_start:content_end], "according")
        return None
    # "yang menurut Gedung Putih berlangsung selama …": the clause follows directly.
    if looks_like_clause(doc, after, end, regions):
        content_end = strip_end(doc, after, reported_content_end(doc, after, end, regions, False))
        k = after
        while k < content_end and doc[k].text != ",":
            k += 1
        return Report(doc[i : i + 1], phrase, doc[after:k], "according")
    return None


def _subjectless_report(doc, i, end, regions) -> Optional[Report]:
    k = i + 1
    while k < end and doc[k].text in ",:" or (k < end and doc[k].lower_ in vocabulary().complementizers):
        k += 1
    if k >= end or not looks_like_clause(doc, k, end, regions):
        return None
    content_end = strip_end(doc, k, reported_content_end(doc, k, end, regions, False))
    return Report(doc[i : i + 1], None, doc[k:content_end], "subjectless") if content_end > k else None


def _trailing_report(doc, i, start, end, regions, earlier: list[Report]) -> Optional[Report]:
    comma = i - 1
    # A quote right before the comma is a direct quote: attribution handles it.
    if comma - 1 >= start and is_quote_mark(doc[comma - 1]) and in_region(comma - 1, regions):
        return None
    if any(report.content.end >= comma - 1 and report.content.start < comma for report in earlier):
        return None  # "Putin mengatakan …, kata Kremlin": the relayer does not own the quote.
    form = cue_form(doc[i])
    phrase = None
    if form.kind != "clitic":
        phrase = read_right(doc, i + 1, end)
        if phrase is None:
            return None
    content_start = strip_connectives(doc, start, comma)
    if any(in_region(k, regions) for k in range(content_start, comma)) and not any(
        not in_region(k, regions) and not doc[k].is_punct for k in range(content_start, comma)
    ):
        return None
    after = phrase.span.end if phrase is not None else i + 1
    # "Y1, kata X, Y2": an inserted cue; the quote is the whole span.
    content_end = comma
    # 'Untuk itu, kata Sri Mulyani, ”IMF akan …”' goes on with a direct quote, which attribution handles.
    inserted = after + 1 < end and doc[after].text == "," and not _is_source_tail(doc, after + 1, end) and not is_quote_mark(doc[after + 1])
    if inserted:
        content_end = strip_end(doc, after + 1, end)
        content_start = inserted_content_start(doc, start, comma, after + 1)
    # The predicate may come after the cue: 'Ganjil-genap, kata Hendrawan, tetap tidak berlaku …'.
    clause = looks_like_clause(doc, content_start, comma, regions) or inserted and looks_like_clause(doc, after + 1, content_end, regions)
    if content_end <= content_start or not clause and comma - content_start < 4:
        return None
    return Report(doc[i : i + 1], phrase, doc[content_start:content_end], "trailing")


def _is_source_tail(doc: Doc, k: int, end: int) -> bool:
    words = [t.lower_ for t in doc[k : min(end, k + 3)]]
    v = vocabulary()
    return (
        not words
        or words[0] in word_classes().source_tail_openers
        or any(words[: len(m)] == list(m) for m in v.media_cues)
        or is_capitalised(doc[k]) and doc[k].lower_ in v.function_words
        or doc[k].like_num
    )


def _headline_report(doc, i, start, end) -> Optional[Report]:
    """'Joe Biden Desak Rusia Segera Turunkan Tensi': an attributed headline.

    The speaker opens the headline, or its second part: 'Kasus DBD Melonjak,
    Kemenkes Minta Daerah Aktifkan Jumantik'.
    """
    subject = read_left(doc, i, start)
    if subject is None or not _opens_headline_part(doc, subject.span.start, start) or not _names_a_speaker(subject, end):
        return None
    return Report(doc[i : i + 1], subject, doc[i + 1 : end], "headline") if end > i + 1 else None


# 'Gubernur BI: …', 'Menteri Keuangan Sri Mulyani: …': a speaker before a headline's colon is short.
MAX_HEADLINE_SPEAKER_TOKENS = 6


MAX_NAME_WORDS = 5


def _colon_headline_report(doc: Doc, start: int, end: int, regions: Regions) -> Optional[Report]:
    """'Gubernur BI: Kami Ada di Pasar': a headline giving a speaker's words after a colon.

    The words are the speaker's own, as a quote's are, so the quote is direct.
    A rubric or a credit before the colon ('VIDEO: …', 'Rep: … / Red: …') is no
    speaker, and a line of several colons is a list of credits.
    """
    if doc[start].lower_ in word_classes().headline_rubrics:
        return None
    colons = [k for k in range(start + 1, end) if doc[k].text == ":"]
    if len(colons) != 1 or colons[0] - start > MAX_HEADLINE_SPEAKER_TOKENS or in_region(colons[0], regions):
        return None
    colon = colons[0]
    subject = read_left(doc, colon, start)
    if subject is None or subject.span.start != start or not _names_a_speaker(subject, end):
        return None
    content_end = strip_end(doc, colon + 1, end)
    content = doc[colon + 1 : content_end]
    if len(content) < 2 or _is_name(content) and any(t.text in {w.text for w in content} for t in doc[end:]):
        return None  # 'Tersangka: Budi Santoso' is a field of a fact box
    return Report(doc[colon : colon + 1], subject, doc[colon + 1 : content_end], "colon_headline")


def _opens_headline_part(doc: Doc, k: int, start: int) -> bool:
    return k == start or doc[k - 1].text == ","


def _names_a_speaker(subject: Phrase, headline_end: int) -> bool:
    """A headline's speaker is a role ('Gubernur BI'), an organisation ('Kemenkes', 'Dishub
    DKI', 'Bank Indonesia'), or a person the article goes on to name ('Jokowi'); not a
    topic ('Gempa Cianjur', 'IHSG Hari Ini', 'Prediksi BMKG')."""
    if ROLE in subject.labels:
        return True
    doc = subject.span.doc
    common, organisation_words = lowercase_words(doc), vocabulary().organisation_words
    if ORG in subject.labels and set(subject.labels) <= {ORG, NAME}:
        return all(is_acronym(t) or t.lower_ in organisation_words or t.lower_ not in common for t in subject.span)
    person = subject.person()
    if person is None:
        return False
    words = {t.text for t in person}
    later = [doc[k].text for k in range(headline_end, len(doc)) if not _opens_sentence(doc, k)]
    # A word written in lowercase elsewhere is a common noun, unless the article also writes it
    # capitalised inside a sentence, as a name ('Kemenhaj' beside a link to kemenhaj.go.id).
    if _is_name(person) and any(t.text in words for t in doc[headline_end:]) or words <= set(later):
        return True
    # A one-word name the article never writes in lowercase, nor as a place, is a nickname the
    # body may write out ('Jokowi: …' over 'Presiden Joko Widodo').
    return len(person) == 1 and _is_name(person) and (person[0].lower_,) not in places(doc)


def _opens_sentence(doc: Doc, k: int) -> bool:
    return k == 0 or doc[k - 1].is_space or doc[k - 1].text in ".!?" or is_quote_mark(doc[k - 1])


def _is_name(span: Span) -> bool:
    """Capitalised words the article never writes in lowercase: a name, not a title-case phrase of common nouns."""
    common = lowercase_words(span.doc)
    return len(span) <= MAX_NAME_WORDS and all(is_capitalised(t) and t.lower_ not in common for t in span)


def _fronted_report(doc, i, end, regions) -> Optional[Report]:
    phrase = read_right(doc, i + 1, end)
    if phrase is None or phrase.span.end >= end or doc[phrase.span.end].text != ",":
        return None
    content_start = phrase.span.end + 1
    content_end = strip_end(doc, content_start, reported_content_end(doc, content_start, end, regions, False))
    return Report(doc[i : i + 1], phrase, doc[content_start:content_end], "fronted") if content_end > content_start else None


DASHES = frozenset({"—", "–", "-"})


def layout_reports(doc: Doc, regions: Regions, sentences: list[tuple[int, int]]) -> list[Report]:
    """Speakers that the layout sets apart from their quote's sentence.

    - '“…?”' then a paragraph 'tegas Rina. …': a lowercase cue opening the
      paragraph after a quote continues the quote's sentence.
    - '“…” — Budi Santoso': an epigraph, a quote that opens its paragraph and
      is signed with a dash and a name.
    """
    sentence_starts = [start for start, _ in sentences]
    reports = []
    for region in regions:
        if region.close_mark is None or region.close_mark + 1 >= len(doc):
            continue
        report = _cue_paragraph_report(doc, region, sentences, sentence_starts) or _epigraph_report(doc, region)
        if report is not None:
            reports.append(report)
    return reports


def _cue_paragraph_report(doc: Doc, region: MarkedRegion, sentences: list[tuple[int, int]], sentence_starts: list[int]) -> Optional[Report]:
    k = region.close_mark + 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k == len(doc) or "\n" not in doc[region.close_mark + 1 : k].text:
        return None
    form = cue_form(doc[k])
    if form is None or form.kind not in ("bare", "clitic") or is_capitalised(doc[k]):
        return None
    phrase = None
    if form.kind == "bare":
        _, sentence_end = sentences[bisect.bisect_right(sentence_starts, k) - 1]
        phrase = read_right(doc, k + 1, sentence_end)
        if phrase is None:
            return None
    return Report(doc[k : k + 1], phrase, doc[region.open_mark : region.close_mark + 1], "trailing")


def _epigraph_report(doc: Doc, region: MarkedRegion) -> Optional[Report]:
    dash = region.close_mark + 1
    if doc[dash].text not in DASHES or not opens_a_paragraph(doc, region.open_mark):
        return None
    # The signature is the capitalised run after the dash; a sentence that runs in after it
    # without a break opens with a function word ('Dua kali …', 'Sejak pagi …').
    function_words = vocabulary().function_words
    name_end = dash + 1
    while name_end < len(doc) and is_capitalised(doc[name_end]) and doc[name_end].lower_ not in function_words:
        name_end += 1
    phrase = read_right(doc, dash + 1, name_end)
    if phrase is None:
        return None
    return Report(doc[dash : dash + 1], phrase, doc[region.open_mark : region.close_mark + 1], "epigraph")


def prefer_inner_reports(doc: Doc, reports: list[Report]) -> list[Report]:
    """Relayed speech: 'Gedung Putih menyatakan bahwa Biden mengatakan … bahwa Y' is Biden's.

    An inner report whose own content follows 'bahwa' replaces the report
    that contains it; any other cue inside a report's content is part of it.
    """
    kept: list[Report] = []
    for report in reports:
        outer = next((k for k in kept if k.content.start <= report.cue.start < k.content.end), None)
        if outer is None:
            kept.append(report)
            continue
        before_content = doc[report.content.start - 1] if report.content.start > 0 else None
        if report.subject is not None and before_content is not None and before_content.lower_ in vocabulary().complementizers:
            kept[kept.index(outer)] = report
    return kept
