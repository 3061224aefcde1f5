"""The ``quote_finder`` component and the rules it runs."""
