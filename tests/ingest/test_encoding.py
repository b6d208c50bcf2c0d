import codecs

import pytest

from ingest.encoding import detect_encoding, text_encoding
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


def test_gbk_after_long_ascii_opening_is_found():
    assert text_encoding(b"a,b\r\n" * 40000 + "漯河,1\r\n".encode("gbk")) == "gb18030"


def test_one_stray_byte_far_down_a_utf8_file_leaves_it_utf8():
    data = "企业名称,进出口额\n".encode() + b"1,2\n" * 40000 + b"\xff,3\n"
    assert text_encoding(data) == "utf-8"
    assert text_encoding(codecs.BOM_UTF8 + TEXT.encode()) == "utf-8-sig"
    assert text_encoding(TEXT.encode("gbk")) == "gb18030"
    assert text_encoding(b"a,b\n1,2\n") == "utf-8"


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


def test_a_stray_byte_in_a_small_utf8_file_costs_its_line_not_the_file():
    text = "部门,线索名称,金额\n" + "经济发展局,智慧物流总部项目,3亿\n" * 20
    stray = text.encode().replace(b"3", b"\xff", 1)  # one byte no UTF-8 file holds, near the top
    assert detect_encoding(stray) == "utf-8" and text_encoding(stray) == "utf-8"
    assert detect_encoding(text.encode("gbk")) == "gb18030"
