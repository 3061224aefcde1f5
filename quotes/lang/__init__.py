"""Indonesian vocabulary (``lexicon``, with every word in ``data/``), word tests and the speaker-phrase reader."""
