"""Nobody sees more than their own, against the running portal: every route for every role and signed out, CSRF,
a forged department, the lockout, hostile uploads (the nightly job's own hostile corpus), hostile file names and the
cookie flags."""

from __future__ import annotations

import re

import pytest
import requests

from ingest.bounds import MAX_FILE_BYTES, MB
from tests.hostile.corpus import CASES
from tests.portal.server import ACCOUNTS, PASSWORD, add_accounts, published_home, start_portal
from tests.portal.workbooks import workbook
from tests.workbooks import KPI_HEADER, write_workbook


def _token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def sign_in(base: str, login: str, password: str = PASSWORD) -> tuple[requests.Session, requests.Response]:
    session = requests.Session()
    token = _token(session, f"{base}/login/")
    answer = session.post(f"{base}/login/", data={"username": login, "password": password,
                                                  "csrfmiddlewaretoken": token}, allow_redirects=False, timeout=60)
    return session, answer


def upload(session: requests.Session, base: str, name: str, content: bytes) -> requests.Response:
    return session.post(f"{base}/submit/", files={"file": (name, content)},
                        data={"csrfmiddlewaretoken": session.cookies.get("csrftoken")},
                        headers={"Referer": f"{base}/"}, allow_redirects=False, timeout=300)


@pytest.fixture(scope="module")
def portal(demo_run, tmp_path_factory):
    home = published_home(demo_run.home, tmp_path_factory.mktemp("portal_security"))
    add_accounts(home)
    running = start_portal(home)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def sessions(portal) -> dict[str, requests.Session]:
    signed = {}
    for login in ACCOUNTS:
        session, answer = sign_in(portal.url, login)
        assert answer.status_code == 302, answer.text
        signed[login] = session
    signed["anonymous"] = requests.Session()
    return signed


@pytest.fixture(scope="module")
def d02_submission(portal, sessions, tmp_path_factory) -> int:
    path = workbook(tmp_path_factory.mktemp("wb") / "wb.xlsx", status="差不多谈妥了")
    answer = upload(sessions["jingfa"], portal.url, "经发局.xlsx", path.read_bytes())
    assert answer.status_code == 302
    return int(answer.headers["Location"].rstrip("/").split("/")[-1])


LOGIN = "/login/?next="
# route -> expected status for: anonymous, jingfa (clerk D02), caijin (clerk D03), shangwu (bureau),
# haiguan (customs), yunwei (operator). A redirect to sign in is 302 as well; the tests check where it goes.
ROUTES = {
    "/": (302, 302, 302, 302, 302, 302),
    "/department/D02/": (302, 200, 403, 403, 403, 200),
    "/department/D03/": (302, 403, 200, 403, 403, 200),
    "/department/D02/template/2024-W27/": (302, 200, 403, 403, 403, 403),
    "/department/D03/template/2024-W27/": (302, 403, 200, 403, 403, 403),
    "/submit/": (302, 302, 302, 200, 200, 403),
    "/submissions/{n}/": (302, 200, 404, 404, 404, 200),
    "/submissions/{n}/marked/": (302, 200, 404, 404, 404, 200),
    "/operator/": (302, 403, 403, 403, 403, 200),
    "/static/portal.css": (200, 200, 200, 200, 200, 200),
    "/submissions/999999/": (302, 404, 404, 404, 404, 404),
}
WHO = ("anonymous", "jingfa", "caijin", "shangwu", "haiguan", "yunwei")


def test_every_route_answers_each_role_as_it_must(portal, sessions, d02_submission) -> None:
    found, expected = {}, {}
    for route, statuses in ROUTES.items():
        for who, status in zip(WHO, statuses, strict=True):
            url = portal.url + route.format(n=d02_submission)
            answer = sessions[who].get(url, allow_redirects=False, timeout=60)
            found[(route, who)] = answer.status_code
            expected[(route, who)] = status
            if who == "anonymous" and status == 302:
                assert answer.headers["Location"].startswith(LOGIN), route
    assert found == expected
    # The marked workbook and the template are the right files; a refusal says why in Chinese.
    marked = sessions["jingfa"].get(f"{portal.url}/submissions/{d02_submission}/marked/", timeout=60)
    assert marked.content[:2] == b"PK"
    refused = sessions["caijin"].get(f"{portal.url}/department/D02/", timeout=60)
    assert "无权" in refused.text


def test_sending_is_refused_to_everyone_but_the_department(portal, sessions, d02_submission) -> None:
    route = f"{portal.url}/submissions/{d02_submission}/send/"
    for who, status in (("caijin", 404), ("shangwu", 404), ("haiguan", 404), ("yunwei", 403)):
        session = sessions[who]
        answer = session.post(route, data={"csrfmiddlewaretoken": session.cookies.get("csrftoken")},
                              headers={"Referer": f"{portal.url}/"}, allow_redirects=False, timeout=60)
        assert answer.status_code == status, who
    assert not list((portal.home / "landing" / "departments").glob("portal-*"))
    anonymous = requests.Session()
    token = _token(anonymous, f"{portal.url}/login/")
    answer = anonymous.post(route, data={"csrfmiddlewaretoken": token}, allow_redirects=False, timeout=60)
    assert answer.status_code == 302 and answer.headers["Location"].startswith(LOGIN)


def test_a_missing_or_wrong_csrf_token_is_refused(portal, sessions, tmp_path) -> None:
    content = workbook(tmp_path / "wb.xlsx").read_bytes()
    clerk = sessions["jingfa"]
    missing = clerk.post(f"{portal.url}/submit/", files={"file": ("a.xlsx", content)}, allow_redirects=False,
                         timeout=60)
    wrong = clerk.post(f"{portal.url}/submit/", files={"file": ("a.xlsx", content)},
                       data={"csrfmiddlewaretoken": "x" * 64}, allow_redirects=False, timeout=60)
    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert "表单已过期" in missing.text
    session = requests.Session()
    session.get(f"{portal.url}/login/", timeout=30)
    login = session.post(f"{portal.url}/login/", data={"username": "jingfa", "password": PASSWORD},
                         allow_redirects=False, timeout=60)
    assert login.status_code == 403 and "sessionid" not in session.cookies


def test_a_forged_department_is_refused_and_nothing_lands(portal, sessions, tmp_path) -> None:
    clerk = sessions["jingfa"]
    forged = workbook(tmp_path / "forged.xlsx", department="财政金融局").read_bytes()
    answer = clerk.post(f"{portal.url}/submit/", files={"file": ("财金局.xlsx", forged)},
                        data={"csrfmiddlewaretoken": clerk.cookies.get("csrftoken"), "department": "D03",
                              "department_code": "D03"},
                        headers={"Referer": f"{portal.url}/"}, timeout=120)
    assert "填报单位「财政金融局」是财政金融局，不是本账号所属的经济发展局" in answer.text
    assert "已退回" in answer.text and 'id="send"' not in answer.text
    number = answer.url.rstrip("/").split("/")[-1]
    sent = clerk.post(f"{portal.url}/submissions/{number}/send/",
                      data={"csrfmiddlewaretoken": clerk.cookies.get("csrftoken")},
                      headers={"Referer": f"{portal.url}/"}, allow_redirects=False, timeout=60)
    assert sent.status_code == 403
    assert not list((portal.home / "landing" / "departments").glob("portal-*"))


def test_repeated_wrong_passwords_lock_the_login(portal) -> None:
    for _ in range(4):
        _, answer = sign_in(portal.url, "haiguan", "wrong-password")
        assert answer.status_code == 200 and "账号或密码不正确" in answer.text
    _, answer = sign_in(portal.url, "haiguan", "wrong-password")
    assert answer.status_code == 429 and "登录已锁定" in answer.text
    _, answer = sign_in(portal.url, "haiguan")  # the right password no longer opens it
    assert answer.status_code == 429
    assert sign_in(portal.url, "yunwei")[1].status_code == 302  # another login is not locked


@pytest.mark.parametrize("case", [c for c in CASES if c.name in (
    "zip bomb: a sheet inflating a thousandfold", "whitespace bomb: 100 MB of spaces between two tags",
    "one cell at XFD1048576 in a 2 KB file")], ids=lambda c: c.name)
def test_hostile_files_are_refused_within_their_bounds(portal, sessions, tmp_path, case) -> None:
    path = case.build(tmp_path / case.file_name)
    answer = upload(sessions["jingfa"], portal.url, case.file_name, path.read_bytes())
    page = sessions["jingfa"].get(portal.url + answer.headers["Location"], timeout=60).text
    assert case.rejected in page and "已退回" in page
    assert requests.get(f"{portal.url}/login/", timeout=10).status_code == 200


def test_an_oversized_upload_is_refused_before_it_is_read(portal, sessions) -> None:
    over = upload(sessions["jingfa"], portal.url, "大文件.xlsx", b"PK" + b"\0" * (MAX_FILE_BYTES + 100 * 1024))
    assert over.status_code == 413 and "超过50 MB" in over.text
    far_over = upload(sessions["jingfa"], portal.url, "大文件.xlsx", b"PK" + b"\0" * (MAX_FILE_BYTES + 2 * MB))
    assert far_over.status_code == 413  # by the server, before the application reads a byte of it
    assert requests.get(f"{portal.url}/login/", timeout=10).status_code == 200
    assert not (portal.home / "portal" / "held").exists() or not [
        p for p in (portal.home / "portal" / "held").rglob("*") if p.is_file() and p.stat().st_size > MB]


@pytest.mark.parametrize("name", ["../../../../etc/cron.d/evil.xlsx", "..\\..\\evil.xlsx", "a\0b.xlsx",
                                  "长" * 2000 + ".xlsx"])
def test_hostile_file_names_never_reach_the_file_system(portal, sessions, tmp_path, name) -> None:
    clerk = sessions["jingfa"]
    answer = upload(clerk, portal.url, name, workbook(tmp_path / "wb.xlsx").read_bytes())
    assert answer.status_code == 302
    page = clerk.get(portal.url + answer.headers["Location"], timeout=60)
    number = int(answer.headers["Location"].rstrip("/").split("/")[-1])
    sent = clerk.post(f"{portal.url}/submissions/{number}/send/",
                      data={"csrfmiddlewaretoken": clerk.cookies.get("csrftoken")},
                      headers={"Referer": f"{portal.url}/"}, timeout=60)
    assert "已报送" in sent.text, page.text
    written = sorted(p.name for p in portal.home.rglob("*") if p.is_file())
    assert all(re.fullmatch(r"[\w.\-]+", n) for n in written if "portal-" in n), written
    assert f"portal-{number:06d}-D02-2024-W27.xlsx" in written
    assert not [n for n in written if "evil" in n or "长长" in n or "\0" in n]


def test_cookies_are_http_only_and_same_site_and_secure_over_https(portal, demo_run, tmp_path) -> None:
    session = requests.Session()
    token = _token(session, f"{portal.url}/login/")
    answer = session.post(f"{portal.url}/login/", data={"username": "jingfa", "password": PASSWORD,
                                                        "csrfmiddlewaretoken": token}, allow_redirects=False)
    cookies = answer.raw.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("sessionid="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie and "Secure" not in session_cookie
    home = published_home(demo_run.home, tmp_path / "https")
    add_accounts(home)
    over_https = start_portal(home, env={"ZHAOSHANG_PORTAL_HTTPS": "1"})
    try:
        session = requests.Session()
        login_page = session.get(f"{over_https.url}/login/")
        csrf_cookie = login_page.raw.headers.getlist("Set-Cookie")[0]
        assert csrf_cookie.startswith("csrftoken=") and "Secure" in csrf_cookie and "HttpOnly" in csrf_cookie
    finally:
        over_https.stop()


def test_the_bureau_sends_its_files_the_same_way(portal, sessions, tmp_path) -> None:
    bureau = sessions["shangwu"]
    path = write_workbook(tmp_path / "认定.xlsx", {"指标认定": [
        KPI_HEADER, ["签约项目", "2024年1-6月", 9, "个", "认定", "2024-07-10"],
        ["签约项目", "2024年1-6月", "待定", "个", "认定", "2024-07-10"]]})
    location = upload(bureau, portal.url, "认定.xlsx", path.read_bytes()).headers["Location"]
    page = bureau.get(portal.url + location, timeout=60).text
    assert "指标认定</td><td>2</td><td>1</td>" in page and "待定" in page
    sent = bureau.post(f"{portal.url}{location}send/", data={"csrfmiddlewaretoken": bureau.cookies.get("csrftoken")},
                       headers={"Referer": f"{portal.url}/"}, timeout=60)
    assert "已报送" in sent.text
    [landed] = (portal.home / "landing" / "bureau").glob("portal-*")
    assert (portal.home / "landing" / "bureau" / ".portal" / f"{landed.name}.json").exists()


def test_the_verdict_names_the_report_it_replaces_and_what_would_go_down(portal, sessions, tmp_path) -> None:
    clerk = sessions["jingfa"]
    content = workbook(tmp_path / "wb.xlsx", period="2024年第26周").read_bytes()
    page = clerk.get(portal.url + upload(clerk, portal.url, "更正.xlsx", content).headers["Location"], timeout=60).text
    assert "报送后将替代已入库的「经发局2024-06-24至2024-06-30招商工作周报.xlsx」" in page
    assert "本期线索1条，少于已报送的同期报表（8条）：报送后年初至今累计线索将减少" in page
