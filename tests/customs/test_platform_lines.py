"""Every physical line of a platform download accounted for: loaded with its own line number, quarantined with
it, or a line that is not data. Hostile files are written byte by byte, as they arrive."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from schemas.customs_platform import LONGEST_LINE_BYTES
from warehouse import customs_platform

HEADER = ["数据年月", "商品编码", "商品名称", "贸易伙伴编码", "贸易伙伴名称", "贸易方式编码", "贸易方式名称",
          "第一数量", "第一计量单位", "第二数量", "第二计量单位", "人民币"]
NAME = "海关统计数据在线查询_2024年5月.csv"


def _cells(value: object, product: str = "猪肉") -> list[str]:
    return ["202405", "02031100", product, "116", "日本", "0110", "一般贸易", "1", "千克", "0", "-", str(value)]


def _line(cells: list[str], encoding: str = "gbk") -> bytes:
    """Every field quoted, a trailing comma: as the platform writes a line (without its line end)."""
    return ('"' + '","'.join(cells) + '",').encode(encoding)


def _drop(home: Path, lines: list[bytes], end: bytes = b"\r\n", final_end: bool = True, name: str = NAME) -> Path:
    path = home / "landing" / "customs" / name
    path.write_bytes(end.join(lines) + (end if final_end else b""))
    return path


def _loaded(con) -> list[tuple[int, D]]:
    return con.execute("SELECT row_number, value_yuan FROM core.trade_platform_lines ORDER BY 1").fetchall()


def _quarantined(con) -> list[tuple]:
    return con.execute("SELECT row_number, column_name, value, rule FROM audit.quarantine ORDER BY 1, 4").fetchall()


@pytest.mark.parametrize("end", [b"\r\n", b"\n"], ids=["crlf", "lf"])
@pytest.mark.parametrize("final_end", [True, False], ids=["final-newline", "no-final-newline"])
def test_blank_lines_keep_every_later_line_numbered_with_either_line_end(trade_home: Path, build, end: bytes,
                                                                       final_end: bool) -> None:
    _drop(trade_home, [_line(HEADER), _line(_cells(10)), b"", _line(_cells(20)), b"", b"", _line(_cells(30))],
          end=end, final_end=final_end)

    [outcome], con = build(trade_home)

    assert (outcome.status, outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == ("loaded", 3, 3, 0)
    assert _loaded(con) == [(2, D("10.00")), (4, D("20.00")), (7, D("30.00"))]
    assert _quarantined(con) == []


def test_a_line_over_the_size_limit_is_quarantined_and_the_next_ones_keep_their_numbers(trade_home: Path,
                                                                                      build) -> None:
    long_line = _line(_cells(0, product="长" * (LONGEST_LINE_BYTES // 2)))
    _drop(trade_home, [_line(HEADER), _line(_cells(10)), long_line, _line(_cells(30)), _line(_cells(40))])

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (4, 3, 1)
    assert _loaded(con) == [(2, D("10.00")), (4, D("30.00")), (5, D("40.00"))]
    [(line, column, value, rule)] = _quarantined(con)
    assert (line, column, rule) == (3, None, "line_too_long")
    assert value == '"202405","02031100","' + "长" * 79 + "…"  # its first 100 characters
    message = con.execute("SELECT message FROM audit.quarantine").fetchone()[0]
    assert "超过1MB" in message


@pytest.mark.parametrize("broken", [
    '"202405","0203110',  # cut off inside a quoted field, no closing quote
    '"202405","02031100","猪肉,"116","日本",',  # a quote opened inside a field and never closed
], ids=["cut-off", "opened-mid-line"])
def test_an_unterminated_quote_costs_its_own_line_only(trade_home: Path, build, broken: str) -> None:
    _drop(trade_home, [_line(HEADER), _line(_cells(10)), broken.encode("gbk"), _line(_cells(30)),
                       _line(_cells(40))])

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (4, 3, 1)
    assert _loaded(con) == [(2, D("10.00")), (4, D("30.00")), (5, D("40.00"))]
    [(line, column, value, rule)] = _quarantined(con)
    assert (line, value, rule) == (3, broken, "csv_format")
    assert column == ("商品编码" if broken.endswith("0203110") else "商品名称")
    # raw holds the lines that split into cells, so the broken one is in quarantine alone
    assert con.execute("SELECT count(*) FROM raw.customs_platform WHERE row_number = 3").fetchone() == (0,)


def test_a_nul_inside_a_field_quarantines_its_cell(trade_home: Path, build) -> None:
    _drop(trade_home, [_line(HEADER), _line(_cells(10)), _line(_cells(20, product="猪\0肉")), _line(_cells(30))])

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (3, 2, 1)
    assert _loaded(con) == [(2, D("10.00")), (4, D("30.00"))]
    assert _quarantined(con) == [(3, "商品名称", "猪\\x00肉", "nul_character")]


def test_bytes_that_are_not_gbk_quarantine_their_cell(trade_home: Path, build) -> None:
    bad = _line(_cells(20, product="@")).replace(b"@", b"\xff" + "肉".encode("gbk"))
    _drop(trade_home, [_line(HEADER), _line(_cells(10)), bad, _line(_cells(30))])

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (3, 2, 1)
    assert _loaded(con) == [(2, D("10.00")), (4, D("30.00"))]
    [(line, column, value, rule)] = _quarantined(con)
    assert (line, column, rule) == (3, "商品名称", "encoding")
    assert value == "\ufffd肉"


def test_texts_the_first_lines_did_not_have_are_decoded_on_their_rows(trade_home: Path, build, monkeypatch) -> None:
    # Only the first line's texts are decoded as the lines are read; the others afterwards, on the rows that
    # hold them, and a value that is not GBK becomes a problem there too.
    monkeypatch.setattr(customs_platform, "SAMPLE_LINES", 1)
    bad = _line(_cells(40, product="@")).replace(b"@", "冻".encode("gbk") + b"\x81\x22"[:1])
    _drop(trade_home, [_line(HEADER), _line(_cells(10)), _line(_cells(20, product="冻猪肉")),
                       _line(_cells(30, product="猪肉（鲜）")), bad])

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (4, 3, 1)
    assert con.execute("SELECT row_number, product_name, partner_name, trade_mode_name, unit_1 "
                       "FROM core.trade_platform_lines ORDER BY 1").fetchall() == [
        (2, "猪肉", "日本", "一般贸易", "千克"), (3, "冻猪肉", "日本", "一般贸易", "千克"),
        (4, "猪肉（鲜）", "日本", "一般贸易", "千克")]
    [(line, column, value, rule)] = _quarantined(con)
    assert (line, column, rule) == (5, "商品名称", "encoding")
    assert value == "冻\ufffd"


def test_a_value_too_large_for_any_customs_line_is_quarantined_and_the_load_goes_on(trade_home: Path,
                                                                                   build) -> None:
    _drop(trade_home, [_line(HEADER), _line(_cells(10)), _line(_cells("10,000,000,000,000,000")),
                       _line(_cells("1e16")), _line(_cells("99,999,999,999,999")), _line(_cells(50))])

    [outcome], con = build(trade_home)

    assert (outcome.status, outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == ("loaded", 5, 3, 2)
    assert _loaded(con) == [(2, D("10.00")), (5, D("99999999999999.00")), (6, D("50.00"))]
    assert _quarantined(con) == [(3, "人民币", "10,000,000,000,000,000", "value_too_large"),
                                 (4, "人民币", "1e16", "value_too_large")]
    assert "100万亿" in con.execute("SELECT any_value(message) FROM audit.quarantine").fetchone()[0]


def test_a_carriage_return_alone_rejects_the_file_naming_its_line(trade_home: Path, build) -> None:
    _drop(trade_home, [_line(HEADER), _line(_cells(10)), _line(_cells(20)).replace(b"116", b"1\r16")])

    [outcome], con = build(trade_home)

    assert outcome.status == "rejected"
    assert "第3行" in outcome.message and "回车" in outcome.message
    assert con.execute("SELECT count(*) FROM raw.customs_platform").fetchone() == (0,)


def test_gbk_characters_outside_gb2312_load_as_written(trade_home: Path, build) -> None:
    # 丂 and 镕 are GBK's own (bytes 0x81 0x40 and 0xE9 0x95): DuckDB's latin-1 refuses bytes 0x80-0x9F.
    _drop(trade_home, [_line(HEADER), _line(_cells(10, product="丂镕钢材")), b"", _line(_cells(30))])

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted) == (2, 2)
    assert con.execute("SELECT row_number, product_name FROM core.trade_platform_lines ORDER BY 1").fetchall() == [
        (2, "丂镕钢材"), (4, "猪肉")]


def test_a_utf8_download_with_a_byte_that_is_not_utf8_quarantines_that_line(trade_home: Path, build) -> None:
    bad = _line(_cells(20), "utf-8").replace("猪".encode(), b"\xff")
    _drop(trade_home, [b"\xef\xbb\xbf" + _line(HEADER, "utf-8"), _line(_cells(10), "utf-8"), bad,
                       _line(_cells(30), "utf-8")])

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (3, 2, 1)
    assert _loaded(con) == [(2, D("10.00")), (4, D("30.00"))]
    [(line, _column, value, rule)] = _quarantined(con)
    assert (line, rule) == (3, "encoding") and value.startswith('"202405"')


def test_every_line_of_a_hostile_file_is_loaded_quarantined_or_not_data(trade_home: Path, build) -> None:
    lines = [
        "海关统计数据在线查询结果".encode("gbk"),  # 1 title
        _line(HEADER),  # 2 header
        _line(_cells(3)),  # 3
        b"",  # 4 blank
        '"202405","0203"1100","猪肉",'.encode("gbk"),  # 5 stray quote
        _line(_cells(6)),  # 6
        _line(_cells(0, product="长" * (LONGEST_LINE_BYTES // 2))),  # 7 too long
        b"",  # 8 blank
        _line(_cells(9)),  # 9
        _line(["合计", "", "", "", "", "", "", "", "", "", "", "200"]),  # 10 total
        '202405,02031100,"猪肉,冻",116,日本,0110,一般贸易,1,千克,0,-,11'.encode("gbk"),  # 11 unquoted fields
        _line(_cells(-12)),  # 12 negative
        '"202405","0203'.encode("gbk"),  # 13 cut off
        _line(_cells(14)),  # 14
        "资料来源：海关统计数据在线查询平台".encode("gbk"),  # 15 footer
    ]
    _drop(trade_home, lines, final_end=False)

    [outcome], con = build(trade_home)

    loaded = [line for (line, _) in _loaded(con)]
    quarantined = sorted({line for (line, *_rest) in _quarantined(con)})
    assert loaded == [3, 6, 9, 11, 14]
    assert quarantined == [5, 7, 12, 13]
    # the others: title, header, blank lines, 合计, footer
    assert set(range(1, 16)) - set(loaded) - set(quarantined) == {1, 2, 4, 8, 10, 15}
    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (9, 5, 4)
    assert con.execute("SELECT product_name, value_yuan FROM core.trade_platform_lines WHERE row_number = 11"
                       ).fetchone() == ("猪肉,冻", D("11.00"))
    # the 合计 line is kept in raw as a line that is not data
    assert con.execute("SELECT problems FROM raw.customs_platform WHERE row_number = 10").fetchone() == ([],)
