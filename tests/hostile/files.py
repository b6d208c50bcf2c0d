"""Writing hostile and broken files in code, byte by byte where a library would refuse to: zips whose members lie
about their size or inflate a thousandfold, sheets with far cells, compound (OLE) files holding an encrypted
package, BIFF records patched after xlwt wrote them. No binary fixtures: every file is built by the test."""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import xlwt

MB = 1 << 20


@dataclass(frozen=True)
class Member:
    """A zip member as it goes into the file: its bytes already compressed, and the sizes it declares."""

    name: str
    data: bytes  # as stored (deflated or not)
    deflated: bool
    crc: int
    size: int  # declared uncompressed size


def member(name: str, content: bytes, deflated: bool = True) -> Member:
    data = _deflate(content) if deflated else content
    return Member(name, data, deflated, zlib.crc32(content), len(content))


def _deflate(content: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush()


def repeated_member(name: str, head: bytes, chunk: bytes, times: int, tail: bytes,
                    declared_size: int | None = None) -> Member:
    """head + chunk * times + tail, deflated without ever holding it: after a full flush the deflater starts
    afresh, so every copy of the chunk deflates to the same bytes. Gigabytes in a few megabytes, in milliseconds.
    `declared_size` makes the member lie about how large it inflates."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    if declared_size is None:
        for _ in range(times):
            crc = zlib.crc32(chunk, crc)
        crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * times + len(tail)
    return Member(name, start + block * times + end, True, crc, size if declared_size is None else declared_size)


def zip_bytes(members: list[Member]) -> bytes:
    """A zip written by hand, so that sizes and CRCs say whatever the member says (ZIP64 sizes past 4 GB)."""
    out, directory = bytearray(), bytearray()
    for item in members:
        name = item.name.encode("utf-8")
        method = 8 if item.deflated else 0
        large = item.size >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, item.size, len(item.data)) if large else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if large else (len(item.data), item.size)
        fields = struct.pack("<HHHHHIIIHH", 45 if large else 20, 0x0800, method, 0, 0x21, item.crc, *sizes,
                             len(name), len(extra))
        directory += b"PK\x01\x02" + struct.pack("<H", 45) + fields + struct.pack("<HHHII", 0, 0, 0, 0, len(out))
        directory += name + extra
        out += b"PK\x03\x04" + fields + name + extra + item.data
    count = len(members)
    if count < 0xFFFF:
        return bytes(out + directory + b"PK\x05\x06"
                     + struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), len(out), 0))
    # More members than the classic end record counts: the ZIP64 end record and its locator carry the count.
    record = struct.pack("<QHHIIQQQQ", 44, 45, 45, 0, 0, count, count, len(directory), len(out))
    locator = struct.pack("<IQI", 0, len(out) + len(directory), 1)
    end = struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, len(directory), len(out), 0)
    return bytes(out + directory + b"PK\x06\x06" + record + b"PK\x06\x07" + locator + b"PK\x05\x06" + end)


# A minimal workbook: what python-calamine needs, as Excel names it.
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Sheet:
    name: str
    xml: bytes | Member  # the sheet part, or a member built by hand (a bomb)
    state: str = "visible"


class Err(str):
    """An Excel error value in a hand-written sheet."""


def workbook_members(sheets: list[Sheet]) -> list[Member]:
    entries = "".join(
        f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"'
        + (f' state="{s.state}"' if s.state != "visible" else "") + "/>"
        for i, s in enumerate(sheets, start=1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, len(sheets) + 1))
    parts = [
        member("[Content_Types].xml", _CONTENT_TYPES.encode()),
        member("_rels/.rels", _ROOT_RELS.encode()),
        member("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" '
                                  f'xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>'.encode()),
        member("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                             f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                             f'relationships">{rels}</Relationships>'.encode()),
    ]
    for i, sheet in enumerate(sheets, start=1):
        name = f"xl/worksheets/sheet{i}.xml"
        if isinstance(sheet.xml, Member):
            parts.append(Member(name, sheet.xml.data, sheet.xml.deflated, sheet.xml.crc, sheet.xml.size))
        else:
            parts.append(member(name, sheet.xml))
    return parts


def xlsx(path: Path, sheets: list[Sheet], extra: list[Member] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(workbook_members(sheets) + list(extra)))
    return path


def sheet_xml(rows: list[list[object]], dimension: str | None = None, cells_after: str = "",
              head: str = "") -> bytes:
    """A worksheet with these rows from A1 (None skipped; text inline; Err as an error cell), then the raw
    `cells_after` inside sheetData; `dimension` is what the sheet declares."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{_letters(c)}{r}", value) for c, value in enumerate(row, start=1) if value is not None)
        body.append(f'<row r="{r}">{cells}</row>')
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{head}<worksheet xmlns="{_MAIN}">{declared}'
            f'<sheetData>{"".join(body)}{cells_after}</sheetData></worksheet>').encode()


def _cell(ref: str, value: object) -> str:
    if isinstance(value, Err):
        return f'<c r="{ref}" t="e"><v>{escape(value)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, dt.date):
        value = value.isoformat()
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding these streams at its root; streams under 4096
    bytes go to the mini stream, as Office writes them."""
    sector, end, free, fat_mark = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    small = {name: data for name, data in streams.items() if len(data) < 4096}
    large = {name: data for name, data in streams.items() if len(data) >= 4096}
    mini, mini_starts, minifat = bytearray(), {}, []
    for name, data in small.items():
        count = -(-len(data) // 64)
        mini_starts[name] = len(minifat)
        minifat += [len(minifat) + i + 1 for i in range(count - 1)] + [end]
        mini += data.ljust(count * 64, b"\0")
    blobs = [("dir", b""), ("minifat", struct.pack(f"<{len(minifat)}I", *minifat)), ("mini", bytes(mini)),
             *large.items()]
    entries = len(streams) + 1
    blobs[0] = ("dir", b"\0" * (-(-entries * 128 // sector) * sector))
    counts = [-(-len(blob) // sector) for _, blob in blobs]
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + sum(counts):
        fat_sectors += 1
    fat, starts, at = [fat_mark] * fat_sectors, {}, fat_sectors
    for (name, _), count in zip(blobs, counts, strict=True):
        starts[name] = at if count else end
        fat += [at + i + 1 for i in range(count - 1)] + ([end] if count else [])
        at += count
    fat += [free] * (fat_sectors * 128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = free, right: int = free) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", free, right, child) + b"\0" * 36 + struct.pack("<IQ", start, size))

    names = list(streams)
    directory = entry("Root Entry", 5, starts["mini"], len(mini), child=1 if names else free)
    for index, name in enumerate(names, start=1):
        start = mini_starts[name] if name in small else starts[name]
        directory += entry(name, 2, start, len(streams[name]), right=index + 1 if index < len(names) else free)
    blobs[0] = ("dir", directory.ljust(len(blobs[0][1]), b"\0"))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 10 + struct.pack("<IIIIIIII", fat_sectors, starts["dir"], 0, 4096,
                                         starts["minifat"] if minifat else end, -(-len(minifat) * 4 // sector),
                                         end, 0)
              + struct.pack("<109I", *(list(range(fat_sectors)) + [free] * (109 - fat_sectors))))
    body = struct.pack(f"<{len(fat)}I", *fat) + b"".join(blob.ljust(count * sector, b"\0")
                                                          for (_, blob), count in zip(blobs, counts, strict=True))
    return header + body


def encrypted_workbook(path: Path) -> Path:
    """What Excel writes for a password-protected .xlsx: the package encrypted inside a compound file."""
    rng = random.Random(8)
    info = struct.pack("<HHI", 4, 4, 0x40) + bytes(rng.randrange(256) for _ in range(180))
    package = struct.pack("<Q", 9000) + bytes(rng.randrange(256) for _ in range(9008))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(compound_file({"EncryptionInfo": info, "EncryptedPackage": package}))
    return path


def xls(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = (),
        errors: dict[tuple[str, int, int], str] | None = None, far: tuple[str, int, int] | None = None) -> Path:
    """A legacy .xls by xlwt: rows from A1, some sheets hidden, error cells at (sheet, row, column) 0-based, and
    one number at a far (sheet, row, column)."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        if name in hidden:
            sheet.visibility = 1
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value.isoformat() if isinstance(value, dt.date) else value)
        for (where, r, c), error in (errors or {}).items():
            if where == name:
                sheet.row(r).set_cell_error(c, error)
        if far and far[0] == name:
            sheet.write(far[1], far[2], 1)
    if sheets and all(name in hidden for name in sheets):
        raise ValueError("Excel keeps one sheet visible")
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path


def patch_record(path: Path, record: int, length: int, new: bytes) -> Path:
    """Replace the first BIFF record of this type and length by `new` (its own header included, same total
    length): xlwt writes a sheet's records contiguously, so the bytes are found as they are."""
    if len(new) != 4 + length:
        raise ValueError("a patched record keeps its length")
    data = bytearray(path.read_bytes())
    at = data.index(struct.pack("<HH", record, length))
    data[at:at + 4 + length] = new
    path.write_bytes(bytes(data))
    return path


PLATFORM_HEADER = ("数据年月", "商品编码", "商品名称", "贸易伙伴编码", "贸易伙伴名称", "贸易方式编码", "贸易方式名称",
                   "注册地编码", "注册地名称", "第一数量", "第一计量单位", "第二数量", "第二计量单位", "人民币")
# Characters of GB2312's first level: every one is two bytes in GBK.
_HANZI = [chr(code) for code in range(0x4E00, 0x9FA6) if len(chr(code).encode("gbk", errors="ignore")) == 2][:3000]


def long_names_download(path: Path, lines: int, name_chars: int, seed: int = 18) -> Path:
    """A GBK platform download as the platform writes one, with a distinct `name_chars`-character 商品名称 on each of
    its `lines` lines (issue 18, finding 1: 20,000 lines of 4,000 characters are 161 MB)."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="gbk", newline="") as out:
        out.write(",".join(f'"{h}"' for h in PLATFORM_HEADER) + ",\r\n")
        for index in range(lines):
            name = "".join(rng.choices(_HANZI, k=name_chars))
            fields = ("202405", "84122100", name, "116", "日本", "0110", "一般贸易", "41119", "漯河",
                      f"{index + 1:,}", "千克", "0", "-", f"{(index * 7919) % 100_000_000:,}")
            out.write(",".join(f'"{field}"' for field in fields) + ",\r\n")
    return path
