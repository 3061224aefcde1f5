"""Exploring extracted quotes: the SQLite store, speaker identities, lookups and highlighted pages."""
