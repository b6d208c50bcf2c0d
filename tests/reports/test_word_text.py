"""A name Word's XML cannot hold (a file named with \\x01 or U+FFFF, which Linux and UTF-8 allow) is written as its
codes, never stops the document: it failed every night's reports while the file stayed rejected."""

from __future__ import annotations

from pathlib import Path

import docx

from reports import word

NAME = "经发局\x01\x0b坏\x1b[31m\uffff.xlsx"
SHOWN = "经发局\\x01\\x0b坏\\x1b[31m\\uffff.xlsx"


def test_control_characters_of_a_name_are_shown_as_codes(tmp_path: Path) -> None:
    doc = word.new_document()
    word.title(doc, f"退回：{NAME}", NAME)
    word.heading(doc, NAME)
    word.body(doc, f"文件「{NAME}」整体退回。\n下一行")
    word.grid(doc, ["文件", "原因"], [[NAME, "不是Excel工作簿"]])
    saved = word.save(doc, tmp_path / "简报.docx")

    read = docx.Document(str(saved))
    assert [p.text for p in read.paragraphs] == [f"退回：{SHOWN}", SHOWN, SHOWN, f"文件「{SHOWN}」整体退回。\n下一行"]
    assert [c.text for c in read.tables[0].rows[1].cells] == [SHOWN, "不是Excel工作簿"]
