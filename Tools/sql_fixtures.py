"""File fixtures of SQL cases: the files a case's query reads with read_csv / read_parquet.

A case declares each file in its header, one line per file, and names it in the query as
$FIXTURES/NAME (both scripts that run cases, Tools/sql_vs_duckdb.py and Tools/sql_oracle.py
--cases, write the files to a temporary folder and put its path there, so DuckDB and Tally
read the same bytes at the same path):

    -- Fixture: teams.csv = 'user_id,team\\nuser_03x3ld,alpha\\n'
    -- Fixture: customers.parquet = SELECT 'aurora-checkout' AS project_id, 'Acme' AS customer
    -- Fixture: big.parquet (ROW_GROUP_SIZE 100, COMPRESSION zstd) = SELECT range AS i FROM range(1000)
    SELECT * FROM read_csv('$FIXTURES/teams.csv')

A quoted value (a Python string literal) is the file's text as is; anything else is a DuckDB
query whose rows DuckDB writes in the format the extension names (COPY ... TO, with the
options in parentheses), so a Parquet fixture has DuckDB's physical and logical types.
"""
import ast
import os
import re

import duckdb

FIXTURE = re.compile(r"^--\s*Fixture:\s*(\S+)\s*(?:\(([^)]*)\))?\s*=\s*(.+?)\s*$", re.M)
PLACEHOLDER = "$FIXTURES"


def write(text, directory):
    """Writes the fixtures `text` (a case file) declares into `directory`; returns `text`
    with $FIXTURES replaced by the directory."""
    for name, options, spec in FIXTURE.findall(text):
        path = os.path.join(directory, name)
        if spec[0] in "'\"":
            with open(path, "w", newline="") as f:
                f.write(ast.literal_eval(spec))
            continue
        fmt = "parquet" if name.endswith(".parquet") else "csv"
        extra = f", {options}" if options else ""
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"COPY ({spec}) TO '{path}' (FORMAT {fmt}{extra})")
        con.close()
    return text.replace(PLACEHOLDER, directory)
