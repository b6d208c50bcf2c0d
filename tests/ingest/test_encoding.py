import codecs
import csv

import pytest

from ingest.encoding import detect_encoding, open_text, sniff_encoding, transcode_to_utf8
from ingest.unreadable import UnreadableFile

TEXT = "企业名称,进出口额\r\n漯河臻茂实业有限公司,\"1,116.12\"\r\n河南豫多鲜农业科技有限公司,35\r\n"


def test_detect_encoding_from_head():
    assert detect_encoding(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(TEXT.encode("utf-8")) == "utf-8"
    assert detect_encoding(TEXT.encode("gbk")) == "gb18030"
    assert detect_encoding(b"plain ascii") == "utf-8"


def test_head_cut_inside_a_character_is_still_utf8():
    head = "漯河".encode()[:4]  # the second character is cut after its first byte
    assert detect_encoding(head) == "utf-8"


def test_utf16_is_refused_in_chinese():
    with pytest.raises(ValueError, match="UTF-16"):
        detect_encoding(codecs.BOM_UTF16_LE + "企业".encode("utf-16-le"))


def test_gbk_after_long_ascii_opening_is_found(tmp_path):
    path = tmp_path / "late.csv"
    path.write_bytes(b"a,b\r\n" * 40000 + "漯河,1\r\n".encode("gbk"))
    assert sniff_encoding(path) == "gb18030"


@pytest.mark.parametrize(("encoding", "detected"), [("gbk", "gb18030"), ("utf-8-sig", "utf-8-sig")])
def test_open_text_reads_chinese_csv(tmp_path, encoding, detected):
    path = tmp_path / "customs.csv"
    path.write_bytes(TEXT.encode(encoding))
    assert sniff_encoding(path) == detected
    with open_text(path) as text:
        rows = list(csv.reader(text))
    assert rows[0] == ["企业名称", "进出口额"]  # no BOM glued to the first header
    assert rows[1] == ["漯河臻茂实业有限公司", "1,116.12"]


def test_transcode_gbk_with_characters_split_across_chunks(tmp_path):
    src, dst = tmp_path / "gbk.csv", tmp_path / "utf8.csv"
    text = "漯河富元食品有限公司,4111924628\r\n" * 500
    src.write_bytes(text.encode("gbk"))
    # 7-byte chunks cut most two-byte characters in half.
    assert transcode_to_utf8(src, dst, chunk_bytes=7) == "gb18030"
    assert dst.read_bytes() == text.encode("utf-8")


def test_transcode_drops_bom(tmp_path):
    src, dst = tmp_path / "bom.csv", tmp_path / "out.csv"
    src.write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert transcode_to_utf8(src, dst, chunk_bytes=5) == "utf-8-sig"
    assert dst.read_bytes() == TEXT.encode("utf-8")


def test_transcode_reports_bad_bytes(tmp_path):
    src = tmp_path / "broken.csv"
    src.write_bytes("企业".encode("gbk") + b"\x81\x20")  # \x81 must be followed by a trail byte
    with pytest.raises(ValueError, match="无法按gb18030解读"):
        transcode_to_utf8(src, tmp_path / "out.csv")


@pytest.mark.parametrize(("head", "message"), [
    (b"", "空"),
    (codecs.BOM_UTF8, "空"),
    (b"\r\n\r\n", "空"),
    (TEXT.encode("utf-16-le"), "UTF-16"),  # no BOM: the zero bytes of its ASCII say so
    (TEXT.encode("utf-16-be"), "UTF-16"),
    (bytes(range(256)) * 4, "二进制"),
    (b"PK\x03\x04" + bytes(range(200)), r"Excel工作簿\(\.xlsx\)"),
])
def test_what_is_not_csv_text_says_what_it_is(head, message):
    with pytest.raises(UnreadableFile, match=message):
        detect_encoding(head)


def test_a_stray_nul_in_a_field_is_still_text():
    assert detect_encoding("企业名称,备注\r\n漯河正腾\x00商贸,\r\n".encode("gbk")) == "gb18030"
