"""quotes.integrations.spark on a local[2] Spark session gives the rows of ``quotes extract``."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

pytest.importorskip("pyspark", reason="the [spark] extra (pyspark) is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java, and none is installed", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

import quotes.integrations.spark  # noqa: E402
from quotes.cli import app  # noqa: E402
from quotes.table import COLUMNS  # noqa: E402

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("quotes-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_rows_equal_those_of_quotes_extract(spark) -> None:
    articles = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    df = spark.createDataFrame(articles, "id string, text string").repartition(2)
    result = quotes.integrations.spark.extract(df, text_col="text", id_col="id")
    assert result.columns == list(COLUMNS)
    spark_rows = result.toPandas().sort_values(["doc_id", "start_char", "end_char"]).reset_index(drop=True)

    cli = CliRunner().invoke(app, ["extract", str(SEEDS)])
    assert cli.exit_code == 0, cli.stderr
    cli_rows = pd.read_csv(io.StringIO(cli.stdout), keep_default_na=False)
    cli_rows = cli_rows.sort_values(["doc_id", "start_char", "end_char"]).reset_index(drop=True)

    assert len(spark_rows) > 10
    pd.testing.assert_frame_equal(spark_rows, cli_rows, check_dtype=False)


def test_missing_columns_are_named(spark) -> None:
    df = spark.createDataFrame([("a", "teks")], "key string, body string")
    with pytest.raises(ValueError, match="no column 'text', 'id'|no column 'id', 'text'"):
        quotes.integrations.spark.extract(df)
