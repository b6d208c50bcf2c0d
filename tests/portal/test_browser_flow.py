"""A clerk's whole round in real Chromium against the real portal: sign in, take the template of the week owed,
send it with two bad cells, read both on the page, take the marked workbook back, fix it there, send it again, see it
accepted; then the landing-zone sensor's run loads it and the department's page shows it loaded, published, and its
figures moved. Screenshots of every page are kept in the test's folder (docs/portal holds a set)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, sync_playwright

from orchestration.automation import landing_zone_sensor
from orchestration.definitions import build_definitions
from tests.portal.server import PASSWORD, add_accounts, start_portal
from warehouse.resource import Warehouse

CHROMIUM = "/usr/bin/chromium"
BAD_STATUS = "差不多谈妥了"
BAD_USCC = "91320000MA1XXXXXXX"
GOOD_USCC = "91110000802100433B"
FORMULA_TEXT = "=1+1 数据中心项目"  # text a clerk typed: it must stay text in what we hand back


@pytest.fixture
def centre(demo_run, tmp_path: Path):
    home = tmp_path / "home"
    shutil.copytree(demo_run.home, home, copy_function=shutil.copy2)
    add_accounts(home)
    portal = start_portal(home)
    yield portal
    portal.stop()


def _sensor(home: Path, cursor: str | None):
    defs = build_definitions(str(home))
    with dg.build_sensor_context(cursor=cursor, definitions=defs, instance=dg.DagsterInstance.ephemeral(),
                                 resources={"warehouse": Warehouse(home=str(home))}) as context:
        return defs, landing_zone_sensor.evaluate_tick(context), context.cursor


def _sign_in(page: Page, url: str, login: str) -> None:
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def _fill(template: Path, out: Path) -> Path:
    book = load_workbook(template)
    book["基本信息"]["B3"] = "王芳"
    leads = book["线索"]
    for row, values in ((2, ["新能源电池材料项目", "华东新材料集团", "新材料", 12.5, "上海", "2024-07-02", BAD_STATUS]),
                        (3, [FORMULA_TEXT, "某某资本", "金融", 3, "深圳", "2024-07-03", "在谈"])):
        for column, value in enumerate(values, start=2):
            leads.cell(row=row, column=column, value=value)
    leads["B3"].data_type = "s"
    for column, value in enumerate(["江城智造科技有限公司", BAD_USCC, "2024-07-04", 500, "制造业"], start=2):
        book["注册企业"].cell(row=2, column=column, value=value)
    book.save(out)
    return out


def _completion(page: Page, measure: str) -> str:
    return page.locator("#completion tr", has_text=measure).locator("td").nth(1).inner_text()


def test_a_clerk_sends_fixes_and_sees_the_report_loaded_and_published(centre, tmp_path: Path) -> None:
    shots = tmp_path / "screenshots"
    _, first_look, cursor = _sensor(centre.home, None)
    assert first_look.run_requests == []  # the demo is loaded: nothing to do until the clerk sends
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900}, accept_downloads=True, locale="zh-CN")
        page.goto(f"{centre.url}/")
        page.screenshot(path=shots / "01-login.png")
        _sign_in(page, centre.url, "jingfa")
        assert page.url.endswith("/department/D02/")
        assert "经济发展局" in page.locator("h1").inner_text()
        enterprises_before = _completion(page, "注册企业")
        page.screenshot(path=shots / "02-department.png", full_page=True)

        with page.expect_download() as download:
            page.click("#template")
        assert download.value.suggested_filename == "经济发展局-2024年第27周.xlsx"
        template = tmp_path / "template.xlsx"
        download.value.save_as(template)
        info = load_workbook(template)["基本信息"]
        assert (info["B1"].value, info["B2"].value) == ("经济发展局", "2024年第27周")

        page.set_input_files("input[type=file]", str(_fill(template, tmp_path / "经发局第27周.xlsx")))
        page.click("text=上传并检查")
        cells = page.locator("#cells tbody tr")
        assert cells.count() == 2
        rows = [cells.nth(i).inner_text() for i in range(2)]
        assert "线索\t2\t状态\t差不多谈妥了" in rows[0] and "不是可选的线索状态" in rows[0]
        assert f"注册企业\t2\t统一社会信用代码\t{BAD_USCC}" in rows[1] and "校验位不对" in rows[1]
        assert page.locator("#send").count() == 0
        page.screenshot(path=shots / "03-verdict-two-bad-cells.png", full_page=True)

        with page.expect_download() as download:
            page.click("#marked")
        marked = tmp_path / "marked.xlsx"
        download.value.save_as(marked)
        book = load_workbook(marked)
        status, uscc = book["线索"]["H2"], book["注册企业"]["C2"]
        assert status.fill.fgColor.rgb.endswith("FFC7CE") and "不是可选的线索状态" in status.comment.text
        assert uscc.fill.fgColor.rgb.endswith("FFC7CE") and "校验位不对" in uscc.comment.text
        assert book["线索"]["B3"].value == FORMULA_TEXT and book["线索"]["B3"].data_type == "s"
        assert not [c.coordinate for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]

        status.value, uscc.value = "在谈", GOOD_USCC  # the clerk fixes the marked workbook itself
        book.save(marked)
        page.goto(f"{centre.url}/")
        page.set_input_files("input[type=file]", str(marked))
        page.click("text=上传并检查")
        assert page.locator("#cells").count() == 0 and page.locator("#refusal").count() == 0
        page.screenshot(path=shots / "04-verdict-clean.png", full_page=True)
        page.click("#send")
        assert "已报送" in page.locator("h1").inner_text()
        page.screenshot(path=shots / "05-sent.png", full_page=True)

        [landed] = (centre.home / "landing" / "departments").glob("portal-*")
        assert landed.name.startswith("portal-") and landed.name.endswith("-D02-2024-W27.xlsx")
        defs, tick, _ = _sensor(centre.home, cursor)
        [request] = tick.run_requests
        result = defs.resolve_job_def("nightly").execute_in_process(
            asset_selection=request.asset_selection, raise_on_error=False)
        assert result.success
        con = duckdb.connect(str(centre.home / "warehouse" / "zhaoshang.duckdb"), read_only=True)
        assert con.execute("SELECT status, submitted_by, run_id FROM audit.loads WHERE file_name = ?",
                           [landed.name]).fetchall() == [("loaded", "jingfa", result.run_id)]
        con.close()

        page.goto(f"{centre.url}/")
        row = page.locator("table", has_text="原文件名").last.locator("tbody tr").first
        assert "已报送" in row.inner_text() and "已入库" in row.inner_text() and "已发布" in row.inner_text()
        # One run loaded and published the file, so the two times, read on the centre's clock, are minutes apart
        # whatever the machine's own zone (the loader writes its local time without a zone).
        loaded, published = (dt.datetime.strptime(f"2024-{text}", "%Y-%m-%d %H:%M") for text in re.search(
            r"已入库 (\d\d-\d\d \d\d:\d\d)，已发布 (\d\d-\d\d \d\d:\d\d)", row.inner_text()).groups())
        assert dt.timedelta(0) <= published - loaded < dt.timedelta(minutes=10)
        assert int(_completion(page, "注册企业").split()[0]) == int(enterprises_before.split()[0]) + 1
        page.screenshot(path=shots / "06-department-loaded.png", full_page=True)

        operator = browser.new_page(viewport={"width": 1200, "height": 900}, locale="zh-CN")
        _sign_in(operator, centre.url, "yunwei")
        load = operator.locator("#loads tbody tr", has_text=landed.name)
        assert "jingfa" in load.inner_text()
        assert load.locator("a").get_attribute("href") == f"http://127.0.0.1:3000/runs/{result.run_id}"
        operator.screenshot(path=shots / "07-operator.png", full_page=True)

        bureau = browser.new_page(viewport={"width": 1200, "height": 700}, locale="zh-CN")
        _sign_in(bureau, centre.url, "shangwu")
        assert "报送市商务局认定" in bureau.locator("h1").inner_text()
        bureau.screenshot(path=shots / "08-bureau.png", full_page=True)
        browser.close()
