"""The data dictionary and the Chinese-named views, made in the build from the tables' own comments.

`marts.data_dictionary` lists every table and column with its comments; schema `zh` holds one view per mart
whose table and column names are the Chinese names those comments open with (for Excel, WPS and DBeaver users).
There is no second list of names: a comment changed in a mart's SQL changes its view at the next build.
"""

from __future__ import annotations

import duckdb

from warehouse.database import SQL_DIR, sql_identifier, sql_literal

DICTIONARY_SQL = SQL_DIR / "dictionary"


def build_dictionary(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create marts.data_dictionary and every zh view; call after the marts are built, before publishing.
    Returns the views created (zh."…")."""
    con.execute((DICTIONARY_SQL / "data_dictionary.sql").read_text(encoding="utf-8"))
    views = con.execute((DICTIONARY_SQL / "zh_views.sql").read_text(encoding="utf-8")).fetchall()
    con.execute("DROP SCHEMA IF EXISTS zh CASCADE")  # a mart dropped or renamed leaves no stale view behind
    con.execute("CREATE SCHEMA zh")
    for table, view, table_comment, select_list, columns in views:
        # COMMENT and CREATE VIEW take no parameters: names and comments come from our own SQL files and are
        # quoted here, as identifiers (zh_views.sql) and as literals.
        con.execute(f"CREATE VIEW {view} AS SELECT {select_list} FROM marts.{sql_identifier(table)} AS m")
        con.execute(f"COMMENT ON VIEW {view} IS {sql_literal(table_comment)}")
        for column in columns:
            name, comment = sql_identifier(column["column"]), sql_literal(column["comment"])
            con.execute(f"COMMENT ON COLUMN {view}.{name} IS {comment}")
    return [view for _, view, *_ in views]
