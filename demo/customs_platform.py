"""Downloads from the customs statistics platform (海关统计数据在线查询): city-level trade by HS code.

The platform's CSV habits are kept: GBK (one file UTF-8 with BOM), every field quoted, CRLF, a trailing comma
on every line, thousands separators inside the quotes, '-' for an empty unit. Each download picks its own
columns and order; one has no 数据年月 column, so its file name carries the period.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from demo.writers import set_arrival

# (HS8, 商品名称, 第一计量单位, 第二计量单位 or '-')
GOODS = (
    ("02031100", "鲜或冷的整头及半头猪肉", "千克", "-"),
    ("02032900", "冻猪肉", "千克", "-"),
    ("02071411", "冻的带骨鸡块", "千克", "-"),
    ("04069000", "其他奶酪", "千克", "-"),
    ("08045020", "鲜或干的芒果", "千克", "-"),
    ("12019010", "黄大豆", "千克", "-"),
    ("15079000", "精制的豆油及其分离品", "千克", "-"),
    ("16010020", "猪肉香肠", "千克", "-"),
    ("16024910", "猪肉罐头", "千克", "-"),
    ("19023030", "即食或快熟面条", "千克", "-"),
    ("19059000", "其他面包、糕点、饼干", "千克", "-"),
    ("20079990", "其他果酱、果冻", "千克", "-"),
    ("21069090", "其他编号未列名的食品", "千克", "-"),
    ("39269090", "其他塑料制品", "千克", "-"),
    ("68101100", "水泥制建筑用砖", "千克", "-"),
    ("73089000", "其他钢铁结构体及部件", "千克", "-"),
    ("84122100", "直线作用的液压动力装置（液压缸）", "千克", "个"),
    ("84385000", "肉类或家禽加工机器", "千克", "台"),
)
PARTNERS = (
    ("110", "中国香港"),
    ("116", "日本"),
    ("133", "韩国"),
    ("132", "新加坡"),
    ("136", "泰国"),
    ("141", "越南"),
    ("303", "英国"),
    ("304", "德国"),
    ("344", "俄罗斯联邦"),
    ("410", "巴西"),
    ("502", "美国"),
    ("601", "澳大利亚"),
)
MODES = (("0110", "一般贸易"), ("0615", "进料对口"), ("1039", "市场采购"), ("9610", "跨境电子商务零售"))
PLACES = (("41119", "漯河"), ("41109", "许昌"))


def _number(value: int) -> str:
    return f"{value:,}"


def _row(rng: random.Random, goods: tuple[str, str, str, str]) -> dict[str, str]:
    code, name, unit1, unit2 = goods
    kilograms = rng.randrange(2_000, 900_000)
    return {
        "商品编码": code,
        "商品名称": name,
        "第一数量": _number(kilograms),
        "第一计量单位": unit1,
        "第二数量": _number(rng.randrange(1, 60)) if unit2 != "-" else "0",
        "第二计量单位": unit2,
        "人民币": _number(kilograms * rng.randrange(8, 40)),
    }


def _line(fields: list[str]) -> str:
    return ",".join(f'"{field}"' for field in fields) + ",\r\n"


def _render(columns: list[str], rows: list[dict[str, str]]) -> str:
    return _line(columns) + "".join(_line([row[c] for c in columns]) for row in rows)


def _monthly_by_mode(rng: random.Random) -> str:
    columns = [
        "数据年月",
        "商品编码",
        "商品名称",
        "贸易方式编码",
        "贸易方式名称",
        "注册地编码",
        "注册地名称",
        "第一数量",
        "第一计量单位",
        "第二数量",
        "第二计量单位",
        "人民币",
    ]
    rows = []
    for month in range(1, 6):
        for goods in rng.sample(GOODS, k=13):
            for mode in rng.sample(MODES, k=2):
                row = _row(rng, goods)
                row.update(
                    {
                        "数据年月": f"2024{month:02d}",
                        "贸易方式编码": mode[0],
                        "贸易方式名称": mode[1],
                        "注册地编码": PLACES[0][0],
                        "注册地名称": PLACES[0][1],
                    }
                )
                rows.append(row)
    return _render(columns, rows)


def _period_by_partner(rng: random.Random) -> str:
    columns = [
        "贸易伙伴编码",
        "贸易伙伴名称",
        "商品编码",
        "商品名称",
        "注册地编码",
        "注册地名称",
        "第一数量",
        "第一计量单位",
        "第二数量",
        "第二计量单位",
        "美元",
    ]
    rows = []
    for partner in PARTNERS:
        for goods in rng.sample(GOODS, k=5):
            place = rng.choice(PLACES)
            row = _row(rng, goods)
            row.update(
                {
                    "贸易伙伴编码": partner[0],
                    "贸易伙伴名称": partner[1],
                    "注册地编码": place[0],
                    "注册地名称": place[1],
                    "美元": _number(int(row.pop("人民币").replace(",", "")) // 7),
                }
            )
            rows.append(row)
    return _render(columns, rows)


def _monthly_2023(rng: random.Random) -> str:
    columns = [
        "数据年月",
        "注册地编码",
        "注册地名称",
        "贸易伙伴编码",
        "贸易伙伴名称",
        "商品编码",
        "商品名称",
        "第一数量",
        "第一计量单位",
        "人民币",
    ]
    rows = []
    for month in range(1, 13):
        for goods in rng.sample(GOODS, k=10):
            partner = rng.choice(PARTNERS)
            row = _row(rng, goods)
            row.update(
                {
                    "数据年月": f"2023{month:02d}",
                    "注册地编码": PLACES[0][0],
                    "注册地名称": PLACES[0][1],
                    "贸易伙伴编码": partner[0],
                    "贸易伙伴名称": partner[1],
                }
            )
            rows.append(row)
    return _render(columns, rows)


def write(home: Path) -> list[Path]:
    folder = home / "landing" / "customs"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(41119)
    downloads = (
        (
            "海关统计数据在线查询_漯河_商品贸易方式_2024年按月.csv",
            _monthly_by_mode(rng),
            "gb18030",
            dt.date(2024, 6, 25),
        ),
        ("海关统计_2024年1-5月.csv", _period_by_partner(rng), "gb18030", dt.date(2024, 6, 25)),
        ("海关统计数据在线查询_漯河_2023年按月.csv", _monthly_2023(rng), "utf-8-sig", dt.date(2024, 1, 25)),
    )
    written = []
    for name, text, encoding, downloaded in downloads:
        path = folder / name
        path.write_bytes(text.encode(encoding))
        set_arrival(path, dt.datetime.combine(downloaded, dt.time(11, 0)))
        written.append(path)
    return written
