"""marts.data_dictionary and the zh views come from the tables' own comments, whatever those comments hold."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse.dictionary import build_dictionary
from warehouse.labels import column_labels


@pytest.fixture
def build(demo_run, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """A private copy of the demo's build file, so the session's demo stays as the nightly job left it."""
    copy = shutil.copyfile(demo_run.home / "warehouse" / "build" / "zhaoshang-build.duckdb", tmp_path / "b.duckdb")
    con = duckdb.connect(str(copy))
    yield con
    con.close()


def test_every_mart_has_a_chinese_view_named_by_its_comments(build) -> None:
    views = build_dictionary(build)
    marts = [t for (t,) in build.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' ORDER BY table_name").fetchall()]
    assert len(views) == len(marts) and 'zh."市定目标完成情况"' in views and 'zh."数据字典"' in views
    assert 'zh."三个一批各期项目"' in views  # '“三个一批”各期项目（…）': quotation marks dropped
    row = build.execute("""SELECT 年份, 截至月份, 指标名称, 完成率, 时间进度, 状态 FROM zh."市定目标完成情况"
                           WHERE 年份 = 2024 AND 指标代码 = 'trade_total' AND 截至月份 = 5""").fetchone()
    assert row[:3] == (2024, 5, "货物进出口额") and str(row[3]) == "0.2106" and row[5] == "落后"
    # The view carries the mart's comments for the tools that show them.
    assert build.execute("""SELECT comment FROM duckdb_columns() WHERE schema_name = 'zh'
                            AND table_name = '市定目标完成情况' AND column_name = '完成率'""").fetchone()[0] \
        .startswith("完成率 = 完成值 / 目标")


def test_every_mart_column_has_a_unique_chinese_name(build) -> None:
    """What the mart SQL must give: a comment opening with a Chinese name, unique within its table."""
    build_dictionary(build)
    unnamed = build.execute("""SELECT table_name, column_name, column_comment FROM marts.data_dictionary
                               WHERE schema_name = 'marts' AND column_zh = column_name""").fetchall()
    doubled = build.execute("""SELECT table_name, column_name FROM marts.data_dictionary
                               WHERE schema_name = 'marts' AND column_zh LIKE '%\\_' || column_name ESCAPE '\\'
                            """).fetchall()
    assert unnamed == [] and doubled == []


def test_the_dictionary_lists_every_table_and_column_with_its_comments(build) -> None:
    build_dictionary(build)
    listed = build.execute("""SELECT count(*) FROM marts.data_dictionary""").fetchone()[0]
    columns = build.execute("""SELECT count(*) FROM duckdb_columns()
                               WHERE schema_name IN ('raw', 'core', 'marts', 'audit')""").fetchone()[0]
    assert listed == columns
    assert build.execute("""SELECT table_zh, column_zh, column_comment FROM marts.data_dictionary
                            WHERE table_name = 'kpi_latest' AND column_name = 'gap_pp'""").fetchone() == (
        "最新完成情况", "完成率与时间进度之差",
        "完成率与时间进度之差（百分点；部门报送口径为空）gap in percentage points; NULL for basis reported")
    # It lists itself too, comments included.
    assert build.execute("""SELECT column_comment FROM marts.data_dictionary
                            WHERE table_name = 'data_dictionary' AND column_name = 'column_zh'""").fetchone()[0] \
        .startswith("列中文名")


def test_names_with_quotes_and_names_given_twice_are_quoted_and_kept_apart(build) -> None:
    build.execute("""CREATE TABLE marts."odd""table" (a INTEGER, b INTEGER, "c""d" INTEGER, e INTEGER)""")
    build.execute("""COMMENT ON TABLE marts."odd""table" IS '引号''表 a table whose name needs quoting'""")
    build.execute("""COMMENT ON COLUMN marts."odd""table".a IS '数量 quantity'""")
    build.execute("""COMMENT ON COLUMN marts."odd""table".b IS '数量（另一个）another quantity'""")
    build.execute("""COMMENT ON COLUMN marts."odd""table"."c""d" IS '说''明 a quote in the name'""")
    build.execute("""INSERT INTO marts."odd""table" VALUES (1, 2, 3, 4)""")
    views = build_dictionary(build)
    assert 'zh."引号\'表"' in views
    assert build.execute("""SELECT * FROM zh."引号'表" """).fetchall() == [(1, 2, 3, 4)]
    assert [d[0] for d in build.execute("""SELECT * FROM zh."引号'表" """).description] == [
        "数量_a", "数量_b", "说'明", "e"]


def test_the_ui_and_the_zh_views_give_a_column_the_same_chinese_name(build) -> None:
    build_dictionary(build)
    for table in ("marts.kpi_completion", "marts.department_ranking", "audit.quarantine"):
        schema, name = table.split(".")
        named = dict(build.execute("SELECT column_name, column_zh FROM marts.data_dictionary"
                                   " WHERE schema_name = ? AND table_name = ?", [schema, name]).fetchall())
        labels = column_labels(build, table)
        assert named and {column: labels[column] for column in named if column in labels} == \
            {column: zh for column, zh in named.items() if zh != column}, table
    assert column_labels(build, "marts.kpi_completion")["completion_rate"] == "完成率"
    # A check's own column `name` (a project's or an enterprise's) is not labelled by audit.migrations.name.
    assert "name" not in column_labels(build, "marts.department_totals")
    assert column_labels(build, "audit.migrations")["name"] == "迁移文件"


def test_every_table_and_column_of_the_published_file_is_explained(demo_run) -> None:
    """Whatever an analyst can query (raw and core too, which analysts join on) carries a comment that opens with
    its Chinese name, so marts.data_dictionary and the zh views name everything."""
    with duckdb.connect(str(demo_run.home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        ours = "database_name = current_database() AND schema_name NOT IN ('main', 'information_schema', 'pg_catalog')"
        columns = con.execute(f"SELECT schema_name, count(*) FROM duckdb_columns() WHERE {ours} GROUP BY ALL"
                              ).fetchall()
        unexplained = con.execute(f"""
            SELECT schema_name || '.' || table_name || '.' || column_name FROM duckdb_columns()
            WHERE {ours} AND (comment IS NULL OR core.chinese_name(comment) IS NULL)
            UNION ALL SELECT schema_name || '.' || table_name FROM duckdb_tables()
            WHERE {ours} AND (comment IS NULL OR core.chinese_name(comment) IS NULL)
            UNION ALL SELECT schema_name || '.' || view_name FROM duckdb_views()
            WHERE {ours} AND NOT internal AND (comment IS NULL OR core.chinese_name(comment) IS NULL)""").fetchall()
        unnamed = con.execute("SELECT count(*) FROM marts.data_dictionary WHERE column_zh = column_name"
                              " OR table_zh = table_name").fetchone()[0]
        # A column copied from raw keeps raw's comment (one home); a column of its own has its own.
        inherited = con.execute("""SELECT table_name, column_name, core.chinese_name(comment) FROM duckdb_columns()
            WHERE (schema_name, table_name, column_name) IN (('core', 'department_activities', 'activity_type'),
                   ('core', 'department_activities', 'load_id'), ('core', 'bureau_projects', 'project_name'),
                   ('raw', 'customs_platform', 'load_id'))
            ORDER BY ALL""").fetchall()
    assert {schema for schema, count in columns if count} >= {"raw", "core", "marts", "audit", "zh"}
    assert unexplained == [] and unnamed == 0
    assert inherited == [("bureau_projects", "project_name", "项目名称"), ("customs_platform", "load_id", "读取编号"),
                         ("department_activities", "activity_type", "活动类型"),
                         ("department_activities", "load_id", "读取编号")]


def test_chinese_views_show_codes_as_their_chinese_labels(demo_run) -> None:
    with duckdb.connect(str(demo_run.home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        # The README's query: two 签约投资额 figures for 2024 6月, each saying whose it is.
        rows = con.execute("""SELECT 口径, 来源, 累计完成值, 状态 FROM zh."最新完成情况"
                              WHERE 年份 = 2024 AND 指标名称 = '签约投资额' ORDER BY 口径""").fetchall()
        statuses = set(con.execute('SELECT DISTINCT 口径, 状态 FROM zh."市定目标完成情况"').fetchall())
        lists = {s for (s,) in con.execute('SELECT DISTINCT 红黑榜 FROM zh."全员招商周排序与红黑榜"').fetchall()}
        codes_left = []
        for (view,) in con.execute("SELECT view_name FROM duckdb_views() WHERE schema_name = 'zh'").fetchall():
            for (column,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'zh'"
                                         " AND table_name = ? AND data_type = 'VARCHAR'", [view]).fetchall():
                if view == "数据字典" or column.endswith("代码"):  # names and identifiers, not codes to translate
                    continue
                values = con.execute(f'SELECT DISTINCT "{column}" FROM zh."{view}"').fetchall()
                codes_left += [(view, column, v) for (v,) in values if v and re.fullmatch(r"[a-z][a-z_]*", v)]
    assert [(basis, source, str(actual)) for basis, source, actual, _ in rows] == [
        ("市商务局认定", "市商务局认定值", "10.0000"), ("部门报送", "部门报送", "13.4500")]
    judged = {status for basis, status in statuses if basis != "部门报送"}
    assert judged <= {"达成", "正常", "落后", "无目标"} and "落后" in judged
    # What departments report is never judged against the city's target.
    assert {status for basis, status in statuses if basis == "部门报送"} == {None}
    assert lists == {"红榜", "黑榜", None}
    assert codes_left == []
