"""The spaCy components: ``quote_finder`` and ``quote_attributor``, and what they share."""
