"""The ``quote_finder`` component: direct quotes from quotation marks, indirect and mixed quotes from reporting cues."""

import bisect
from typing import Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc

import quotes.components.scorer  # noqa: F401 - registers quotes.quote_scorer.v1
from quotes.components.base import LexiconPipe
from quotes.components.finder.clauses import Report
from quotes.components.finder.marks import find_marked_regions, statement_regions
from quotes.components.finder.reports import (
    find_reports,
    layout_reports,
    prefer_inner_reports,
)
from quotes.components.quote import Quote, write_quotes
from quotes.components.structure import (
    MarkedRegion,
    Regions,
    sentence_bounds,
    write_structure,
)


class QuoteFinder(LexiconPipe):
    """Find direct, indirect and mixed quotes in a Doc.

    ``source`` chooses the evidence: "rules" (quotation marks and cues),
    "model" (the statistical model's STATEMENT spans only) or "hybrid" (the
    rules, plus STATEMENT spans where the marks are missing or broken). Without
    a statistical model in the pipeline, "hybrid" is the rules.
    """

    def annotate(self, doc: Doc) -> Doc:
        regions = Regions(doc, [] if self.source == "model" else find_marked_regions(doc))
        if self.source != "rules":
            regions = Regions(doc, sorted(regions + statement_regions(doc, regions), key=lambda region: region.open_mark))
        sentences = sentence_bounds(doc, regions)
        reports = []
        if self.source != "model":
            for start, end in sentences:
                reports.extend(prefer_inner_reports(doc, find_reports(doc, start, end, regions)))
            reports.extend(layout_reports(doc, regions, sentences))
        write_quotes(doc, build_quotes(doc, regions, reports))
        write_structure(doc, sentences, regions)
        return doc


def build_quotes(doc: Doc, regions: list[MarkedRegion], reports: list[Report]) -> list[Quote]:
    """Turn marked regions and reporting acts into Quote objects (unattributed)."""
    quotes: list[Quote] = []
    absorbed: set[int] = set()
    open_marks = [region.open_mark for region in regions]
    for report in reports:
        first = bisect.bisect_left(open_marks, report.content.start)
        last = bisect.bisect_left(open_marks, report.content.end)
        contained = [n for n in range(first, last) if regions[n].content.end <= report.content.end]
        content = report.content
        if contained and content.start == regions[contained[0]].open_mark and len(contained) == 1 and regions[contained[0]].close_mark is not None and content.end <= regions[contained[0]].close_mark + 1:
            # "X menegaskan, “…”": the content is exactly a direct quote.
            region = regions[contained[0]]
            absorbed.add(contained[0])
            quotes.append(Quote(region.content, "direct", cue=report.cue, phrase=report.subject))
            continue
        if contained:
            absorbed.update(contained)
            last = regions[contained[-1]]
            if last.close_mark is not None and last.close_mark >= content.end:
                content = doc[content.start : last.close_mark + 1]
            quotes.append(Quote(content, "mixed", cue=report.cue, phrase=report.subject))
        else:
            quote_type = "direct" if report.kind == "colon_headline" else "indirect"
            quotes.append(Quote(content, quote_type, cue=report.cue, phrase=report.subject))
    for n, region in enumerate(regions):
        if n not in absorbed:
            quotes.append(Quote(region.content, "direct"))
    quotes.sort(key=lambda quote: quote.span.start)
    return quotes


@Language.factory(
    "quote_finder",
    assigns=["doc.spans", "doc._.quote_sentences", "doc._.quote_regions"],
    requires=[],
    default_config={"source": "hybrid", "scorer": {"@scorers": "quotes.quote_scorer.v1"}},
    default_score_weights={"quotes_f": 1.0, "quotes_p": 0.0, "quotes_r": 0.0},
)
def make_quote_finder(nlp: Language, name: str, source: str, scorer: Optional[Callable]) -> QuoteFinder:
    return QuoteFinder(nlp, name, source, scorer)
