"""Running the extraction inside other systems (PySpark)."""
