"""The ``quote_attributor`` component: who said each quote, with the mention, role, cited media and a confidence."""

from typing import Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from quotes.components.attributor.confidence import confidence
from quotes.components.attributor.entities import speaker_entities
from quotes.components.attributor.linking import link_cue
from quotes.components.attributor.media import cited_media
from quotes.components.attributor.model import (
    CUE_LABELS,
    PERSON_LABELS,
    link_by_model,
    merge_people,
    model_people,
    refine_with_model,
)
from quotes.components.attributor.people import People, article_aliases, person_mentions
from quotes.components.attributor.resolution import resolve_speaker
from quotes.components.attributor.speaker_phrase import (
    fronted_name_phrase,
    speaker_zone_phrase,
    subject_before_channel,
)
from quotes.components.base import LexiconPipe
from quotes.components.quote import Quote, read_quotes, write_quotes
from quotes.components.structure import read_regions, read_sentences, sentence_of

SHORT_UNATTRIBUTED_WORDS = 3


class QuoteAttributor(LexiconPipe):
    """Resolve who said each quote found by ``quote_finder``.

    ``source`` chooses the evidence as for ``quote_finder``: "rules",
    "model" (the statistical model's CUE, CUECOREF, PERSON, PERSONCOREF, ROLE
    and AFFILIATION spans only) or "hybrid" (the rules, with the model's names
    and roles where it has them, and its cues where the rules find none).
    ``speaker_entities`` makes the model's entities agree with the quotes'
    attribution (see :func:`speaker_entities`); with it off, ``doc.ents`` stay
    the model's own.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "quote_attributor",
        source: str = "hybrid",
        speaker_entities: bool = True,
        scorer: Optional[Callable] = None,
    ) -> None:
        super().__init__(nlp, name, source, scorer)
        self.speaker_entities = speaker_entities

    def annotate(self, doc: Doc) -> Doc:
        quotes = read_quotes(doc)
        regions = read_regions(doc)
        sentences = read_sentences(doc)
        use_model = self.source != "rules" and any(ent.label_ in PERSON_LABELS + CUE_LABELS for ent in doc.ents)
        mentions = merge_people(person_mentions(doc, sentences) if self.source != "model" else [], model_people(doc) if use_model else [])
        people = People(mentions, article_aliases(doc, mentions))
        attributed: list[Quote] = []
        quoted = [(q.span.start, q.span.end) for q in quotes]
        previous: Optional[Quote] = None
        known_roles: dict[str, str] = {}
        for quote in quotes:
            sentence = sentence_of(sentences, quote.span.start)
            if self.source == "model":
                how = link_by_model(doc, quote, sentences, regions, previous)
            else:
                how = link_cue(doc, quote, sentence, sentences, regions, previous)
                if how == "unattributed" and use_model:
                    how = link_by_model(doc, quote, sentences, regions, previous)
            if use_model and quote.phrase is not None:
                refine_with_model(doc, quote)
            if quote.phrase is not None and quote.cue is not None and self.source != "model":
                quote.phrase = speaker_zone_phrase(doc, quote.phrase, quote.cue, sentence_of(sentences, quote.phrase.span.start)[1])
                quote.phrase = fronted_name_phrase(doc, quote.phrase, quote.cue, sentence_of(sentences, quote.phrase.span.start)[0])
                quote.phrase = subject_before_channel(doc, quote.phrase, quote.cue, sentence_of(sentences, quote.phrase.span.start)[0])
            if how == "unattributed" and len(quote.span.text.split()) <= SHORT_UNATTRIBUTED_WORDS:
                continue  # a scare quote or a term, not a statement
            how = resolve_speaker(doc, quote, how, people, previous, quoted)
            cue_sentence = sentence_of(sentences, quote.cue.start) if quote.cue is not None else sentence
            quote.cited_from = cited_media(doc, quote, cue_sentence, regions)
            quote.evidence = how
            quote.confidence = confidence(quote.quote_type, how)
            # A role given once ("Jake Sullivan, penasihat keamanan nasional Biden") holds for the article.
            if quote.speaker and quote.role:
                known_roles.setdefault(quote.speaker, quote.role)
            elif quote.speaker:
                quote.role = known_roles.get(quote.speaker, "")
            attributed.append(quote)
            if quote.speaker:
                previous = quote
        write_quotes(doc, attributed)
        if self.source != "rules" and self.speaker_entities:
            doc.ents = speaker_entities(doc, attributed, sentences)
        return doc


@Language.factory(
    "quote_attributor",
    assigns=["doc.spans", "doc.ents"],
    requires=["doc.spans", "doc._.quote_sentences", "doc._.quote_regions"],
    default_config={"source": "hybrid", "speaker_entities": True, "scorer": {"@scorers": "quotes.quote_scorer.v1"}},
    default_score_weights={"quotes_attribution_acc": 0.5, "quotes_who_f": 0.5},
)
def make_quote_attributor(
    nlp: Language, name: str, source: str, speaker_entities: bool, scorer: Optional[Callable]
) -> QuoteAttributor:
    return QuoteAttributor(nlp, name, source, speaker_entities, scorer)
