"""Reading inputs (files, folders, JSONL/CSV, stdin) and writing tables (CSV, JSONL, Parquet), atomically."""
