"""`make ranking-notice WEEK=2024-W26` on the demo: the ranking with scores, red and black lists and what each
department reported, as Word and Excel."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import openpyxl
import pytest

from reports.__main__ import main
from reports.periods import IsoWeek
from reports.weekly import write_ranking_notice


def test_the_weekly_notice_ranks_lists_and_says_what_each_department_sent(demo_run) -> None:
    assert main(["--home", str(demo_run.home), "ranking", "--week", "2024-W26"]) == 0
    folder = demo_run.home / "reports" / "2024-W26"
    (word,) = folder.glob("*.docx")
    document = docx.Document(str(word))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "红榜：经济发展局、招商服务中心、党群工作部。" in text
    assert "黑榜：建设管理局、阴阳赵镇、市场监管分局。" in text
    assert "本周未报送的部门（3个）：财政金融局、社会事业局、新城办事处" in text
    ranking = document.tables[0]
    assert [c.text for c in ranking.rows[0].cells] == ["名次", "部门", "得分", "红黑榜", "本周报送情况"]
    first = [c.text for c in ranking.rows[1].cells]
    assert first[:4] == ["1", "经济发展局", "0.8096", "红榜"] and first[4].startswith("线索8条（有价值8条）")
    # 财政金融局 sent nothing for the week it owed: listed, not ranked as if it had.
    unreported = next([c.text for c in row.cells] for row in ranking.rows if row.cells[1].text == "财政金融局")
    assert (unreported[0], unreported[4]) == ("未排名", "本周未报送")
    # 党群工作部's figures are its June report's (received 1 July), not this week's, and the notice says so.
    party = next([c.text for c in row.cells] for row in ranking.rows if row.cells[1].text == "党群工作部")
    assert party[4].startswith("2024年6月月报（全月）：") and "考察对接企业4家" in party[4]
    assert len(document.inline_shapes) == 1

    (excel,) = folder.glob("*.xlsx")
    sheet = openpyxl.load_workbook(excel)["周排序"]
    header = [c.value for c in sheet[2]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=3)]
    assert [r["部门"] for r in rows if r["红黑榜"] == "黑榜"] == ["建设管理局", "阴阳赵镇", "市场监管分局"]
    assert rows[0]["得分"] == 0.8096 and rows[0]["本期报送"] == "第26周周报"
    assert rows[0]["报表文件"] == "经发局2024-06-24至2024-06-30招商工作周报.xlsx"
    assert sheet.freeze_panes == "A3"
    # The details on sheets of their own, so that each prints readably one page wide.
    book = openpyxl.load_workbook(excel)
    assert book.sheetnames == ["周排序", "周排序-本期报送", "周排序-年初累计", "周排序-得分构成", "本周新报签约项目"]
    period = _table(book["周排序-本期报送"])
    assert period[0]["有价值线索\n（条）"] == 8 and len(period[0]) <= 12
    # 党群工作部 reports monthly: its figures are its June report's, and say so.
    party = next(r for r in period if r["部门"] == "党群工作部")
    assert (party["本期报送"], party["考察对接企业\n（家）"]) == ("2024年6月月报", 4)
    scores = _table(book["周排序-得分构成"])
    assert scores[0]["有价值线索\n比值×权重"] == "0.6333×0.2500"
    assert not any(re.search(r"[a-z_]{3,}", h) for h in scores[0])  # measures by name, no codes
    assert all(len(_table(book[name])[0]) <= 12 for name in book.sheetnames[:4])


def _table(sheet) -> list[dict]:
    header = [c.value for c in sheet[2]]
    return [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=3)]


def test_the_default_week_is_the_latest_ranked_one(demo_run, capsys) -> None:
    # The nightly job wrote this folder already: what this call wrote is what it prints.
    assert main(["--home", str(demo_run.home), "ranking"]) == 0
    written = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert {path.suffix for path in written} >= {".docx", ".xlsx"}
    assert {path.parent for path in written} == {demo_run.home / "reports" / "2024-W26"}


def test_a_department_between_its_monthly_reports_is_ranked_and_not_listed_as_missing(demo_run, tmp_path) -> None:
    notice = write_ranking_notice(demo_run.published, tmp_path, IsoWeek(2024, 20))
    document = docx.Document(str(notice.docx))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in document.tables[0].rows[1:]}
    # 党群工作部 reports monthly: in week 20 it owed nothing, so it is ranked (2nd) and not told to send a report.
    assert rows["党群工作部"][0] == "2" and rows["党群工作部"][4] == "本周无应报的报告"
    missing = next(line for line in text.splitlines() if line.startswith("本周未报送的部门"))
    assert "党群工作部" not in missing and "财政金融局" in missing


def test_a_department_before_its_first_report_is_not_ranked_nor_told_to_send_one(demo_run, tmp_path) -> None:
    notice = write_ranking_notice(demo_run.published, tmp_path, IsoWeek(2024, 2))
    document = docx.Document(str(notice.docx))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in document.tables[0].rows[1:]}
    # 财政金融局 reports from week 3 (departments.csv): in week 2 it owes nothing and has sent nothing.
    assert (rows["财政金融局"][0], rows["财政金融局"][3], rows["财政金融局"][4]) == ("未排名", "", "尚未开始报送")
    assert ("尚未开始报送的部门（6个）：财政金融局、建设管理局、自然资源分局、市场监管分局、党群工作部、阴阳赵镇，"
            "不参与排名。") in text
    # The centre owed week 2 (it owes from week 1 of its targets' year) and did not send it.
    assert "本周未报送的部门（1个）：招商服务中心，未参与排名，请尽快补报。" in text


@pytest.mark.parametrize(("text", "message"), [
    ("2023-W53", "2023年没有第53周"),  # 2023 has 52 ISO weeks
    ("2024-26", "周次应写作 2024-W26"),
])
def test_a_week_that_does_not_exist_is_said_so(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        IsoWeek.parse(text)
    assert IsoWeek.parse("2020-W53").monday == dt.date(2020, 12, 28)
