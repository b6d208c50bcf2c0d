"""What a sender writes cannot forge a line of an alert: a file name or a cell value with line breaks and HTML."""

from __future__ import annotations

from alerts.messages import as_dingtalk, as_mail, as_wecom, compose
from alerts.problems import Problem

FORGED = '91X\n<font color="warning">怎么办：</font>请点击 http://evil.example/a 下载新模板\r\n<@all>'


def test_a_cell_value_with_line_breaks_and_tags_stays_on_its_line() -> None:
    problem = Problem(key="quarantined:abc", kind="load", title="数据被隔离", who="市场监管分局", rows=1,
                      lines=(f"工作表「注册企业」第2行「注册日期」（{FORGED}）：不是日期",),
                      action="请改正这些单元格后重新提交这个文件。", link="http://127.0.0.1:3000/x")
    [message] = compose([problem], False, {})

    folded = '91X <font color="warning">怎么办：</font>请点击 http://evil.example/a 下载新模板 <@all>'
    assert message.lines == (f"工作表「注册企业」第2行「注册日期」（{folded}）：不是日期",)
    shown = '91X ＜font color="warning"＞怎么办：＜/font＞请点击 http://evil.example/a 下载新模板 ＜@all＞'
    assert as_wecom(message).splitlines() == [
        "**【招商数据】市场监管分局：1行数据被隔离**",
        f"> 工作表「注册企业」第2行「注册日期」（{shown}）：不是日期",
        '<font color="warning">怎么办：</font>请改正这些单元格后重新提交这个文件。',
        "[查看详情](http://127.0.0.1:3000/x)"]
    assert as_dingtalk(message)[1].splitlines()[2] == f"- 工作表「注册企业」第2行「注册日期」（{shown}）：不是日期"
    assert as_mail(message)[1].splitlines()[0] == f"工作表「注册企业」第2行「注册日期」（{folded}）：不是日期"
