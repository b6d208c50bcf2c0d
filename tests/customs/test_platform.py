"""The customs statistics platform download: its encodings and CSV habits, columns by name, bad lines."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from tests.workbooks import write_workbook

HEADER = ["数据年月", "商品编码", "商品名称", "贸易伙伴编码", "贸易伙伴名称", "贸易方式编码", "贸易方式名称",
          "第一数量", "第一计量单位", "第二数量", "第二计量单位", "人民币"]


def _csv(lines: list[list[str]]) -> str:
    """Every field quoted, CRLF, a trailing comma on each line: as the platform writes it."""
    return "".join(",".join(f'"{field}"' for field in line) + ",\r\n" for line in lines)


def _drop(home: Path, name: str, text: str, encoding: str) -> Path:
    path = home / "landing" / "customs" / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_gbk_download_loads_exactly_with_leading_zeros_and_separators(trade_home: Path, build) -> None:
    _drop(trade_home, "海关统计数据在线查询_漯河.csv", _csv([
        HEADER,
        ["202405", "02031100", "鲜或冷的整头及半头猪肉", "116", "日本", "0110", "一般贸易", "12,500", "千克", "0", "-",
         "1,234,567"],
        ["202405", "84122100", "直线作用的液压动力装置（液压缸）", "502", "美国", "0110", "一般贸易", "3,000.5", "千克",
         "120", "个", "98,765.43"],
    ]), "gbk")

    [outcome], con = build(trade_home)

    assert (outcome.status, outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == ("loaded", 2, 2, 0)
    assert con.execute(
        "SELECT row_number, year, month_from, month_to, hs_code, product_name, partner_code, trade_mode_code, "
        "quantity_1, unit_1, quantity_2, unit_2, value_yuan, value_usd FROM core.trade_platform_lines ORDER BY 1"
    ).fetchall() == [
        (2, 2024, 5, 5, "02031100", "鲜或冷的整头及半头猪肉", "116", "0110", D("12500.0000"), "千克", D("0.0000"),
         None, D("1234567.00"), None),
        (3, 2024, 5, 5, "84122100", "直线作用的液压动力装置（液压缸）", "502", "0110", D("3000.5000"), "千克",
         D("120.0000"), "个", D("98765.43"), None),
    ]
    # The dollar figure the file did not give, at May's 7.1100.
    assert con.execute(
        "SELECT hs_code, partner_name, trade_mode, value_yuan, value_usd FROM marts.trade_by_product_partner "
        "ORDER BY hs_code"
    ).fetchall() == [("02031100", "日本", "一般贸易", D("1234567.00"), D("173638.12")),
                     ("84122100", "美国", "一般贸易", D("98765.43"), D("13891.06"))]


def test_a_utf8_bom_download_in_another_order_takes_its_period_from_the_file_name(trade_home: Path, build) -> None:
    _drop(trade_home, "海关统计_2024年1-5月.csv", _csv([
        ["美元", "第一计量单位", "第一数量", "贸易伙伴名称", "贸易伙伴编码", "商品名称", "商品编码"],
        ["10,000", "千克", "2,000", "韩国", "133", "冻猪肉", "02032900"],
    ]), "utf-8-sig")

    [outcome], con = build(trade_home)

    assert (outcome.status, outcome.rows_accepted) == ("loaded", 1)
    assert con.execute(
        "SELECT year, month_from, month, hs_code, partner_code, partner_name, trade_mode, value_yuan, value_usd "
        "FROM marts.trade_by_product_partner"
    ).fetchall() == [(2024, 1, 5, "02032900", "133", "韩国", None, D("71100.00"), D("10000.00"))]


def test_a_download_without_any_period_is_rejected_saying_so(trade_home: Path, build) -> None:
    _drop(trade_home, "海关统计数据在线查询.csv", _csv([
        ["商品编码", "商品名称", "第一数量", "第一计量单位", "人民币"],
        ["02032900", "冻猪肉", "2,000", "千克", "10,000"],
    ]), "gbk")

    [outcome], con = build(trade_home)

    assert outcome.status == "rejected"
    assert "数据年月" in outcome.message and "文件名" in outcome.message
    assert con.execute("SELECT count(*) FROM raw.customs_platform").fetchone() == (0,)


def test_bad_lines_are_quarantined_with_their_line_column_value_and_rule(trade_home: Path, build) -> None:
    good = ["202405", "02031100", "猪肉", "116", "日本", "0110", "一般贸易", "1", "千克", "0", "-", "100"]
    text = _csv([
        ["海关统计数据在线查询结果"],  # a title line above the header
        HEADER,
        good,                                                                                  # line 3
        ["202405", "2031100", "猪肉", "116", "日本", "0110", "一般贸易", "1", "千克", "0", "-", "100"],  # 4: zero lost
        ["202413", "02031100", "猪肉", "116", "日本", "0110", "一般贸易", "1", "千克", "0", "-", "-5"],   # 5: two rules
        ["202405", "02031100", "猪肉", "116", "日本", "0110", "一般贸易", "约1", "千克", "0", "-", "100"],  # 6
    ]) + '"202405","0203"1100","猪肉",\r\n' + _csv([good, good])                              # 7 unreadable; 8, 9
    _drop(trade_home, "海关统计数据在线查询_2024年5月.csv", text, "gbk")

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (7, 3, 4)
    assert con.execute("SELECT row_number FROM core.trade_platform_lines ORDER BY 1").fetchall() == [(3,), (8,), (9,)]
    # raw keeps every line it could read, the broken ones with what broke
    assert con.execute("SELECT row_number, [p.rule FOR p IN problems] FROM raw.customs_platform "
                       "WHERE problems IS NOT NULL ORDER BY 1").fetchall() == [
        (4, ["hs_code_format"]), (5, ["period", "not_negative"]), (6, ["number"])]
    quarantined = con.execute(
        "SELECT sheet, row_number, column_name, value, rule FROM audit.quarantine ORDER BY row_number, rule"
    ).fetchall()
    assert quarantined[:5] == [
        ("海关统计数据在线查询_2024年5月", 4, "商品编码", "2031100", "hs_code_format"),
        ("海关统计数据在线查询_2024年5月", 5, "人民币", "-5", "not_negative"),
        ("海关统计数据在线查询_2024年5月", 5, "数据年月", "202413", "period"),
        ("海关统计数据在线查询_2024年5月", 6, "第一数量", "约1", "number"),
        ("海关统计数据在线查询_2024年5月", 7, "商品编码", '"202405","0203"1100","猪肉",', "csv_format"),
    ]
    assert len(quarantined) == 5
    messages = dict(con.execute("SELECT rule, message FROM audit.quarantine").fetchall())
    assert "开头的0" in messages["hs_code_format"] and "「-5」不能为负数" in messages["not_negative"]


def test_a_download_saved_as_a_workbook_goes_the_same_way(trade_home: Path, build) -> None:
    write_workbook(trade_home / "landing" / "customs" / "海关统计_2024年5月.xlsx", {"导出数据": [
        HEADER,
        ["202405", "02031100", "猪肉", "116", "日本", "0110", "一般贸易", 12500, "千克", 0, "-", 1234567],
        ["202405", 2031100, "猪肉", "116", "日本", "0110", "一般贸易", 1, "千克", 0, "-", 1],
    ]})

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (2, 1, 1)
    assert con.execute("SELECT row_number, hs_code, value_yuan FROM core.trade_platform_lines").fetchall() == [
        (2, "02031100", D("1234567.00"))]
    assert con.execute("SELECT sheet, row_number, column_name, value FROM audit.quarantine").fetchall() == [
        ("导出数据", 3, "商品编码", "2031100")]


def test_total_and_footer_lines_are_not_data_and_keep_later_lines_numbered(trade_home: Path, build) -> None:
    good = ["202405", "02031100", "猪肉", "116", "日本", "0110", "一般贸易", "1", "千克", "0", "-", "100"]
    _drop(trade_home, "海关统计数据在线查询_2024年5月.csv", _csv([
        HEADER, good, ["合计", "", "", "", "", "", "", "", "", "", "", "200"], [""] * 12, good,
        ["资料来源：海关统计数据在线查询平台"],
    ]), "gbk")

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (2, 2, 0)
    assert con.execute("SELECT row_number FROM core.trade_platform_lines ORDER BY 1").fetchall() == [(2,), (5,)]
    assert con.execute("SELECT count(*) FROM audit.quarantine").fetchone() == (0,)


def test_a_product_starting_with_a_footer_word_is_still_data(trade_home: Path, build) -> None:
    _drop(trade_home, "海关统计_2024年5月.csv", _csv([
        ["商品名称", "贸易伙伴名称", "第一数量", "人民币"],
        ["注射器", "日本", "10", "1,000"],
        ["注：本表数据为初步统计"],
    ]), "gbk")

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted) == (1, 1)
    assert con.execute("SELECT product_name, value_yuan FROM core.trade_platform_lines").fetchall() == [
        ("注射器", D("1000.00"))]
