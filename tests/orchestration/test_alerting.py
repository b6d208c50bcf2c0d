"""The alert sensors on real runs of the nightly job: what a run left reaches the centre and each department's contact
once, through a real SMTP server and a stand-in robot server; a failed run is told; the digest goes at its hour; the
alerts are in the published warehouse as audit.alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster._utils.error import SerializableErrorInfo

from alerts.dispatch import CENTRE
from orchestration.alerting import _error_text, alerts_after_failure, alerts_after_success, send_digest
from orchestration.definitions import build_definitions
from tests.alerts.conftest import alerts_yaml
from tests.alerts.servers import PASSWORD, Mailbox, Robot, robot_server, smtp_server
from tests.departments.books import BAD_USCC, GOOD_USCC, workbook, write_xlsx
from tests.workbooks import KPI_HEADER
from warehouse.resource import Warehouse

JUNE_5 = dt.date(2024, 6, 5)


@pytest.fixture
def servers(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Mailbox, Robot]]:
    monkeypatch.setenv("SSL_CERT_FILE", str(home / "cert.pem"))
    monkeypatch.setenv("ZHAOSHANG_TEST_SMTP_PASSWORD", PASSWORD)
    with smtp_server(home, "starttls") as box, robot_server() as robot:
        (home / "reference" / "alerts.yaml").write_text(alerts_yaml(box, robot), encoding="utf-8")
        yield box, robot


def _run(home: Path, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    return build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(
        instance=instance, raise_on_error=False)


def _sensor_context(name: str, result: dg.ExecuteInProcessResult, instance: dg.DagsterInstance, home: Path):
    event = result.get_run_success_event() if result.success else result.get_run_failure_event()
    return dg.build_run_status_sensor_context(sensor_name=name, dagster_event=event, dagster_instance=instance,
                                              dagster_run=result.dagster_run,
                                              resources={"warehouse": Warehouse(home=str(home))})


def _by_recipient(box: Mailbox) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for mail in box.messages:
        found.setdefault(mail["To"], []).append(mail["Subject"])
    return found


def test_a_run_with_a_rejected_file_and_a_bad_row_reaches_the_centre_and_both_departments(
        home: Path, servers: tuple[Mailbox, Robot]) -> None:
    box, robot = servers
    (home / "reference" / "calendar.yaml").write_text("as_of: 2024-06-14\n", encoding="utf-8")
    write_xlsx(home / "landing" / "departments" / "经发局-2024年第23周.xlsx", workbook(
        enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, None],
                     [2, "漯河豫泽商贸有限公司", BAD_USCC, JUNE_5, 100, None]],
        activities=[[1, JUNE_5, "会见客商", "西城区", 1, None, None]]))
    (home / "landing" / "departments" / "新城办-2024年第23周.xlsx").write_bytes(b"not a workbook at all")
    # 2019 has no target in the reference data: the warning check kpi_target_set fails.
    write_xlsx(home / "landing" / "bureau" / "2019年认定.xlsx", {"指标认定": [
        KPI_HEADER, ["签约项目", "2019年1-5月", 3, "个", "认定", dt.date(2019, 6, 14)]]})
    instance = dg.DagsterInstance.ephemeral()
    result = _run(home, instance)
    assert result.success  # Dagster's word for a run that rejected a file: only the alerts say otherwise

    context = _sensor_context("alerts_after_success", result, instance, home)
    assert alerts_after_success(context).skip_message == "发出15条告警 (15 alerts sent, 0 failed)"
    box.wait(7)
    assert _by_recipient(box) == {
        "ops@example.gov.cn": ["【招商数据】检查未通过：kpi_target_set", "【招商数据】新城办事处：1个文件退回",
                               "【招商数据】经济发展局：1行数据被隔离", "【招商数据】逾期未报：3项"],
        "jfj@example.gov.cn": ["【招商数据】经济发展局：1行数据被隔离"],
        "xcb@example.gov.cn": ["【招商数据】新城办事处：1个文件退回", "【招商数据】逾期未报：新城办事处"],
    }
    department = next(m for m in box.messages if m["To"] == "jfj@example.gov.cn")
    assert department.get_content() == (
        "文件「经发局-2024年第23周.xlsx」有1行被隔离（其余行已读入）：\n"
        f"工作表「注册企业」第3行「统一社会信用代码」（{BAD_USCC}）：统一社会信用代码校验位不对，请核对原件 "
        "(USCC check character is wrong)\n"
        "\n"
        "怎么办：请改正这些单元格后重新提交这个文件（同一部门同一报告期的新文件替换旧文件）。\n"
        "查看：http://127.0.0.1:8000\n")
    rejected = next(m for m in box.messages if m["To"] == "xcb@example.gov.cn" and "退回" in m["Subject"])
    assert rejected.get_content() == (
        "整体退回：文件「新城办-2024年第23周.xlsx」的内容是文本，不是Excel工作簿；如果是CSV数据，请把扩展名改为.csv后"
        "重新上传 (a text file named .xlsx: wrong extension)\n"
        "\n"
        "怎么办：请按原因改正后重新提交这个文件（同名文件放入接收目录即替换）。\n"
        "查看：http://127.0.0.1:8000\n")
    overdue = next(m for m in box.messages if m["To"] == "xcb@example.gov.cn" and "逾期" in m["Subject"])
    assert overdue.get_content().splitlines()[0] == \
        "部门报告·新城办事处：2024-W01应于2024-01-10前报送，已逾期156天，尚未收到过。"
    check = next(m for m in box.messages if "kpi_target_set" in m["Subject"])
    assert check.get_content() == (
        "检查「kpi_target_set」（marts.kpi_completion，警告）未通过。\n"
        "1 行不符合 (rows break it): 每个有认定值的指标都要有全年目标 "
        "Every confirmed metric has a target for its year.\n"
        f"不符合的行：{home}/reports/checks/{result.run_id}/kpi_target_set.csv\n"
        "\n"
        "怎么办：请核对相关文件，请报送单位改正后重新提交。\n"
        "查看：http://127.0.0.1:3000/assets/marts/kpi_completion?view=checks\n")
    assert len(robot.bodies("/cgi-bin/webhook/send")) == 4 == len(robot.bodies("/robot/send"))

    # The sensor's later looks, and the next run finding the same problems, tell nobody again.
    assert alerts_after_success(context).skip_message == "没有需要通知的新问题 (nothing new to tell)"
    again = _run(home, instance)
    assert alerts_after_success(_sensor_context("alerts_after_success", again, instance, home)).skip_message == \
        "没有需要通知的新问题 (nothing new to tell)"
    assert len(box.messages) == 7 and len(robot.requests) == 8

    # That run published the alerts for analysts.
    with duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        assert con.execute("SELECT channel, status, attempts, title FROM audit.alerts ORDER BY alert_id").fetchall() \
            == [("email", "sent", 1, "【招商数据】检查未通过：kpi_target_set"),
                ("email", "sent", 1, "【招商数据】新城办事处：1个文件退回"),
                ("email", "sent", 1, "【招商数据】经济发展局：1行数据被隔离"),
                ("email", "sent", 1, "【招商数据】逾期未报：3项"),
                ("email:D02", "sent", 1, "【招商数据】经济发展局：1行数据被隔离"),
                ("email:D10", "sent", 1, "【招商数据】新城办事处：1个文件退回"),
                ("email:D10", "sent", 1, "【招商数据】逾期未报：新城办事处"),
                ("wecom", "sent", 1, "【招商数据】检查未通过：kpi_target_set"),
                ("wecom", "sent", 1, "【招商数据】新城办事处：1个文件退回"),
                ("wecom", "sent", 1, "【招商数据】经济发展局：1行数据被隔离"),
                ("wecom", "sent", 1, "【招商数据】逾期未报：3项"),
                ("dingtalk", "sent", 1, "【招商数据】检查未通过：kpi_target_set"),
                ("dingtalk", "sent", 1, "【招商数据】新城办事处：1个文件退回"),
                ("dingtalk", "sent", 1, "【招商数据】经济发展局：1行数据被隔离"),
                ("dingtalk", "sent", 1, "【招商数据】逾期未报：3项")]

    # A day later, at the digest hour: the digest, and one reminder of each problem still open.
    tomorrow = dt.datetime.now(CENTRE) + dt.timedelta(days=1, minutes=1)
    tomorrow = max(tomorrow, tomorrow.replace(hour=8, minute=0))
    send_digest(instance, Warehouse(home=str(home)), tomorrow, context.log)
    digest = box.wait(15)[7]
    record = instance.get_run_record_by_id(again.run_id)
    ended = dt.datetime.fromtimestamp(record.end_time, CENTRE)
    assert digest["Subject"] == f"【招商数据】每日汇总 {tomorrow:%Y-%m-%d}"
    assert digest.get_content() == (
        f"最近一次运行：成功（{again.run_id[:8]}，{ended:%m月%d日 %H:%M}结束），本次未通过的检查3。\n"
        "尚未解决：退回的文件1，被隔离的行1，未通过的检查1，逾期未报3。\n"
        "\n"
        "怎么办：逐项处理见此前的通知或运行页面。\n"
        "查看：http://127.0.0.1:3000\n")
    assert [m["Subject"] for m in box.messages[8:] if m["To"] == "ops@example.gov.cn"] == [
        "【招商数据】提醒：新城办事处：1个文件退回", "【招商数据】提醒：经济发展局：1行数据被隔离",
        "【招商数据】提醒：逾期未报：3项", "【招商数据】提醒：检查未通过：kpi_target_set"]
    later = send_digest(instance, Warehouse(home=str(home)), tomorrow + dt.timedelta(hours=1), context.log)
    assert later.skip_message == f"今天的汇总已发出 (today's digest is out): digest:{tomorrow.date()}"


def test_a_failed_run_is_told_with_the_step_that_failed(home: Path, servers: tuple[Mailbox, Robot]) -> None:
    box, robot = servers
    (home / "reference" / "targets.csv").write_text("year,metric_code,target\n2024年,signed_projects,12\n",
                                                    encoding="utf-8")
    instance = dg.DagsterInstance.ephemeral()
    result = _run(home, instance)
    assert not result.success

    assert alerts_after_failure(_sensor_context("alerts_after_failure", result, instance, home)).skip_message == \
        "发出3条告警 (3 alerts sent, 0 failed)"
    [mail] = box.wait(1)
    assert mail["Subject"] == "【招商数据】数据运行失败（nightly）"
    lines = mail.get_content().splitlines()
    assert lines[0].startswith(f"运行 {result.run_id[:8]}（nightly，开始于")
    assert lines[1] == ("失败的步骤 reference_data：参考数据有误 (reference data is wrong): targets.csv 第2行 year："
                        "「2024年」应为四位数字的年份，如2024 (year must be a number such as 2024)")
    assert lines[-1] == f"查看：http://127.0.0.1:3000/runs/{result.run_id}"
    assert robot.bodies("/robot/send")[0]["markdown"]["title"] == "【招商数据】数据运行失败（nightly）"


def test_the_digest_waits_for_its_hour(home: Path, servers: tuple[Mailbox, Robot]) -> None:
    box, _ = servers
    instance = dg.DagsterInstance.ephemeral()
    warehouse = Warehouse(home=str(home))
    morning = dt.datetime(2024, 7, 15, 7, 59, tzinfo=CENTRE)
    assert send_digest(instance, warehouse, morning, None).skip_message == \
        "每日汇总在8点发送 (the digest goes at 8:00)"
    send_digest(instance, warehouse, morning + dt.timedelta(minutes=1), None)
    [digest] = box.wait(1)
    assert digest["Subject"] == "【招商数据】每日汇总 2024-07-15"
    assert digest.get_content() == "最近一次运行：还没有运行过。\n没有尚未解决的问题。\n\n查看：http://127.0.0.1:3000\n"


def test_a_step_error_is_told_in_its_own_words() -> None:
    disk_full = SerializableErrorInfo("OSError: [Errno 28] No space left on device\n", [], "OSError")
    wrapped = SerializableErrorInfo(
        'dagster._core.errors.DagsterExecutionStepExecutionError: Error occurred while executing op "departments_files"'
        ":\n", [], "DagsterExecutionStepExecutionError", cause=disk_full)
    assert _error_text(wrapped) == "OSError: [Errno 28] No space left on device\n"
