"""The typed models of the reference files: a row model for each CSV, a model for each YAML file.

Each field's type says what it accepts and, in the clerk's words, what was expected instead (the message of its
PydanticCustomError); ingest/forms/reference.py puts the file, the line or key and the value in front. A rule
across files reads the validation context: the department and metric codes the other files define (None when
that file could not be read, so its rows are not blamed twice).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from ingest.cells import RuleBroken
from ingest.forms.reference_data import Names
from ingest.periods import parse_report_period
from ingest.text import clean_text, normalise
from ingest.units import normalise_unit
from schemas.identifiers import is_customs_code, is_valid_uscc
from schemas.storage import fits, integer_digits
from schemas.years import PLAUSIBLE_YEARS

# The department measures the marts compute (warehouse/sql/marts/department_completion.sql, in its order): what
# ranking.yaml may weigh and department_targets.csv may set. tests/ingest/test_reference.py holds the two equal.
MEASURES = ("valuable_leads", "signed_projects", "yi_projects", "signed_investment", "registered_enterprises",
            "trips", "enterprises_visited", "investor_meetings")
CADENCE_SOURCES = ("bureau", "customs", "customs_platform", "departments")
CADENCES = ("weekly", "monthly")
FULFILMENT_DENOMINATORS = ("signed", "signed_confirmed")
START_DENOMINATORS = ("signed", "signed_confirmed", "fulfilled")

_DEPARTMENT_CODE = re.compile(r"[A-Za-z0-9_-]{1,20}")
_METRIC_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


def _wrong(message: str) -> PydanticCustomError:
    return PydanticCustomError("reference", message)


def listing(values: object) -> str:
    return "、".join(str(value) for value in values)


def nearest(written: str, known: object) -> str:
    """'，最接近的是 x' for a likely misspelling, else ''."""
    close = difflib.get_close_matches(written, [str(k) for k in known], n=1, cutoff=0.6)
    return f"，最接近的是 {close[0]}" if close else ""


# Cells ------------------------------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    """A cell or setting as text: None when blank or one of the clerks' "nothing" markers."""
    if value is None:
        return None
    try:
        return clean_text(value)
    except RuleBroken as err:
        raise _wrong(str(err)) from None


def _required(value: object) -> str:
    text = _text(value)
    if text is None:
        raise _wrong("不能为空 (required)")
    return text


def _optional(check):
    def validate(value: object) -> object:
        return None if _text(value) is None else check(value)
    return validate


def _number(value: object, expected: str) -> Decimal:
    """A number written as digits (full-width too, thousands separated); YAML's ints and floats as written."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _wrong(expected)
    text = _THOUSANDS.sub("", normalise(_required(value) if isinstance(value, str) else repr(value)))
    if not _NUMBER.fullmatch(text):
        raise _wrong(expected)
    return Decimal(text)


def _decimal(column_type: str, expected: str, *, positive: bool = False):
    """A Decimal the column type holds (as DuckDB stores it: rounded to its scale); never negative."""
    def validate(value: object) -> Decimal:
        number = _number(value, expected)
        if number < 0 or (positive and number == 0):
            raise _wrong("应大于0 (must be positive)" if positive else "不能为负数 (must not be negative)")
        if not fits(number, column_type):
            raise _wrong(f"太大，超出仓库能保存的范围（整数部分最多{integer_digits(column_type)}位），请核对 "
                         f"(value too large for {column_type})")
        return number
    return validate


def _whole(low: int, high: int, expected: str):
    def validate(value: object) -> int:
        if isinstance(value, bool) or isinstance(value, float):
            raise _wrong(expected)
        text = normalise(_required(value)) if isinstance(value, str) else str(value)
        if not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
            raise _wrong(expected)
        return int(text)
    return validate


def _year(value: object) -> int:
    text = normalise(_required(value))
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise _wrong("应为四位数字的年份，如2024 (year must be a number such as 2024)")
    low, high = PLAUSIBLE_YEARS
    if not low <= int(text) <= high:
        raise _wrong(f"年份应在{low}年至{high}年之间 (year out of range)")
    return int(text)


def _aliases(value: object) -> list[str]:
    return [alias for part in (_text(value) or "").split("|") if (alias := _text(part))]


def _pattern(pattern: re.Pattern, expected: str):
    def validate(value: object) -> str:
        text = _required(value)
        if not pattern.fullmatch(text):
            raise _wrong(expected)
        return text
    return validate


def _unit(value: object) -> str:
    unit = normalise_unit(_required(value))
    if unit is None:
        raise _wrong("不是认识的单位，应为 个、亿元、万元、万美元 这样的单位 (unknown unit)")
    return unit


def _uscc(value: object) -> str:
    code = _required(value)
    if len(code) != 18:
        raise _wrong("统一社会信用代码应为18位 (a USCC has 18 characters)")
    if not is_valid_uscc(code):
        raise _wrong("统一社会信用代码校验位不对，请核对原件 (USCC check character is wrong)")
    return code


def _customs_code(value: object) -> str:
    code = _required(value)
    if not is_customs_code(code):
        raise _wrong("海关编码应为10位数字 (a customs code has 10 digits)")
    return code


def _choice(allowed: tuple[str, ...], gloss: str):
    def validate(value: object) -> str:
        text = _required(value)
        if text not in allowed:
            raise _wrong(f"应为 {listing(allowed)} 之一{nearest(text, allowed)} ({gloss})")
        return text
    return validate


def _measure(value: object) -> str:
    text = _required(value) if isinstance(value, str) else str(value)
    if text not in MEASURES:
        raise _wrong(f"不认识的指标，已知的有 {listing(MEASURES)}{nearest(text, MEASURES)} (unknown measure)")
    return text


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = normalise(value).lower() if isinstance(value, str) else None
    if text in {"true", "是"}:
        return True
    if text in {"false", "否"}:
        return False
    raise _wrong("应为 true 或 false (must be true or false)")


def _date(value: object) -> dt.date:
    expected = "应为日期，写作2024-07-15 (not a date)"
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = dt.date.fromisoformat(normalise(value))
        except ValueError:
            raise _wrong(expected) from None
    if not isinstance(value, dt.date):
        raise _wrong(expected)
    low, high = PLAUSIBLE_YEARS
    if not low <= value.year <= high:
        raise _wrong(f"日期应在{low}年至{high}年之间 (date out of range)")
    return value


def _reports_from(value: object) -> dt.date:
    """The first day a department owes reports from: a date, or a report period as a workbook writes it (a week,
    a month), standing for its first day."""
    text = normalise(_required(value))
    try:
        return _date(text)
    except PydanticCustomError:
        pass
    try:
        return parse_report_period(text).start
    except ValueError:
        raise _wrong("应为开始报送的日期或报告期，如2024-01-15、2024-W03、2024年1月 "
                     "(the first day or period the department reports for)") from None


def _mapping(value: object) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _wrong("应在下面逐行写「指标: 数值」(must be a list of measure: value lines)")
    return value


# Rules across files, from the validation context --------------------------------------------------------------


def _known_metric(code: str, info: ValidationInfo) -> str:
    metrics: Names | None = (info.context or {}).get("metrics")
    if metrics is None or code in metrics.codes:
        return code
    if (named := metrics.get(code)) is not None:
        raise _wrong(f"应写指标代码 {named} (write the metric code)")
    known = metrics.codes
    raise _wrong(f"不在 metrics.csv 中，已有的指标代码为 {listing(known)}{nearest(code, known)} (unknown metric)")


def _known_department_code(code: str, info: ValidationInfo) -> str:
    departments: Names | None = (info.context or {}).get("departments")
    if departments is None or code in departments.codes:
        return code
    if (named := departments.get(code)) is not None:
        raise _wrong(f"应写部门代码 {named} (write the department code)")
    known = departments.codes
    raise _wrong(f"不在 departments.csv 中，已有的部门代码为 {listing(known)} (unknown department)")


def _department(written: str | None, info: ValidationInfo) -> str | None:
    """A department as written (code, name or alias) -> its code."""
    departments: Names | None = (info.context or {}).get("departments")
    if written is None or departments is None:
        return written
    if (code := departments.get(written)) is not None:
        return code
    close = departments.nearest(written)
    hint = f"，最接近的是：{listing(close)}" if close else ""
    raise _wrong(f"不在部门名单中{hint} (unknown department)")


Year = Annotated[int, BeforeValidator(_year)]
Month = Annotated[int, BeforeValidator(_whole(1, 12, "应为1到12的月份 (month must be 1 to 12)"))]
Text = Annotated[str, BeforeValidator(_required)]
OptionalText = Annotated[str | None, BeforeValidator(_text)]
Aliases = Annotated[list[str], BeforeValidator(_aliases)]
DepartmentCode = Annotated[str, BeforeValidator(
    _pattern(_DEPARTMENT_CODE, "应为字母和数字组成的部门代码，如D01 (department code such as D01)"))]
MetricCode = Annotated[str, BeforeValidator(
    _pattern(_METRIC_CODE, "应为小写英文字母、数字和下划线组成的代码，如signed_projects (metric code such as "
                           "signed_projects)"))]
Unit = Annotated[str, BeforeValidator(_unit)]
Uscc = Annotated[str | None, BeforeValidator(_optional(_uscc))]
CustomsCode = Annotated[str | None, BeforeValidator(_optional(_customs_code))]
Target = Annotated[Decimal, BeforeValidator(_decimal("DECIMAL(18, 4)", "应为数字，用指标的单位，如5300 (target must be "
                                                                       "a number in the metric's unit)"))]
UsdCny = Annotated[Decimal, BeforeValidator(_decimal("DECIMAL(10, 4)", "应为数字，如7.1128 (rate must be a number)",
                                                     positive=True))]
Weight = Annotated[Decimal, BeforeValidator(_decimal("DECIMAL(9, 4)", "应为数字，如0.25 (weight must be a number)"))]
Cap = Annotated[Decimal, BeforeValidator(_decimal("DECIMAL(9, 4)", "应为数字，如1.5 (cap must be a number)",
                                                  positive=True))]
ListSize = Annotated[int, BeforeValidator(_whole(0, 999, "应为0或正整数 (must be a whole number)"))]
DueDays = Annotated[int, BeforeValidator(_whole(0, 365, "应为0到365之间的天数 (a number of days, 0 to 365)"))]
Flag = Annotated[bool, BeforeValidator(_flag)]
Day = Annotated[dt.date, BeforeValidator(_date)]
ReportsFrom = Annotated[dt.date | None, BeforeValidator(_optional(_reports_from))]
Measure = Annotated[str, BeforeValidator(_measure)]
Measures = BeforeValidator(_mapping)
KnownMetric = Annotated[str, BeforeValidator(_required), AfterValidator(_known_metric)]
KnownDepartmentCode = Annotated[str, BeforeValidator(_required), AfterValidator(_known_department_code)]


# One model per file ------------------------------------------------------------------------------------------


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DepartmentRow(_Row):
    code: DepartmentCode
    name: Text
    aliases: Aliases
    # Optional column: without it (or blank) a department owes reports from the year of its first targets.
    reports_from: ReportsFrom = None


class EnterpriseRow(_Row):
    name: Text
    aliases: Aliases
    uscc: Uscc
    customs_code: CustomsCode


class MetricRow(_Row):
    code: MetricCode
    name: Text
    unit: Unit
    aliases: Aliases


class TargetRow(_Row):
    year: Year
    metric_code: KnownMetric
    target: Target


class DepartmentTargetRow(_Row):
    year: Year
    department_code: KnownDepartmentCode
    metric: Measure
    target: Target


class FxRateRow(_Row):
    year: Year
    month: Month
    usd_cny: UsdCny


class SixPostPlanRow(_Row):
    year: Year
    leader: Text
    project_name: Text
    investor: OptionalText


def _only_departments(written: str | None, info: ValidationInfo) -> str | None:
    if written is not None and info.data.get("source", "departments") != "departments":
        raise _wrong("只有 departments 可以按部门设置 (only departments)")
    return written


class CadenceRow(_Row):
    source: Annotated[str, BeforeValidator(_choice(CADENCE_SOURCES, "unknown source"))]
    # After validation the department's code, whichever way it was written.
    department: Annotated[str | None, BeforeValidator(_text), AfterValidator(_only_departments),
                          AfterValidator(_department)]
    cadence: Annotated[str, BeforeValidator(_choice(CADENCES, "unknown cadence"))]
    due_days: DueDays


class TradeDismissedRow(_Row):
    name: OptionalText
    uscc: Uscc
    customs_code: CustomsCode
    reason: OptionalText

    @model_validator(mode="after")
    def _something_to_match(self) -> TradeDismissedRow:
        if self.name is None and self.uscc is None and self.customs_code is None:
            raise _wrong("name、uscc、customs_code 至少填一项 (a name, USCC or customs code is needed)")
        return self


class Settings(BaseModel):
    """A YAML settings file: an unknown or misspelt key is an error, never a setting silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RankingSettings(Settings):
    """ranking.yaml: how a department's weekly score is made (warehouse/sql/marts/department_ranking.sql)."""

    weights: Annotated[dict[Measure, Weight], Measures] = {}
    caps: Annotated[dict[Measure, Cap], Measures] = {}
    cap: Cap | None = None
    completion_rate_cap: Cap | None = None
    red_list_size: ListSize = 0
    black_list_size: ListSize = 0
    black_list_unreported: Flag = False

    @model_validator(mode="after")
    def _one_default_cap(self) -> RankingSettings:
        if self.model_fields_set >= {"cap", "completion_rate_cap"}:
            raise _wrong("cap 与 completion_rate_cap 是同一个设置，只写一个 (the same setting twice)")
        return self


class PipelineSettings(Settings):
    fulfilment_rate_denominator: Annotated[str, BeforeValidator(
        _choice(FULFILMENT_DENOMINATORS, "unknown denominator"))] = "signed"
    start_rate_denominator: Annotated[str, BeforeValidator(
        _choice(START_DENOMINATORS, "unknown denominator"))] = "signed"


class CalendarSettings(Settings):
    as_of: Day | None = None


def settings_dump(settings: Settings) -> dict[str, Any]:
    """The settings as written (the keys the file sets), with their checked types."""
    return settings.model_dump(exclude_unset=True)


# alerts.yaml: where what needs a person is sent (alerts/). Optional: without it nothing is sent. ------------------

SMTP_SECURITY = ("ssl", "starttls", "none")
_ADDRESS = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")
_WEB_ADDRESS = re.compile(r"https?://[^\s]+")


def _addresses(value: object) -> list[str]:
    """One address or a list of them; each a mail address."""
    items = value if isinstance(value, list) else [value]
    addresses = [_pattern(_ADDRESS, "应为邮箱地址，如 zhaoshang@example.gov.cn (not a mail address)")(item)
                 for item in items]
    if not addresses:
        raise _wrong("至少写一个邮箱地址 (at least one address)")
    return addresses


Address = Annotated[str, BeforeValidator(_pattern(_ADDRESS, "应为邮箱地址，如 zhaoshang@example.gov.cn "
                                                            "(not a mail address)"))]
Addresses = Annotated[list[str], BeforeValidator(_addresses)]
WebAddress = Annotated[str, BeforeValidator(_pattern(_WEB_ADDRESS, "应为以 http:// 或 https:// 开头的网址 (not a web "
                                                                  "address)"))]
Port = Annotated[int, BeforeValidator(_whole(1, 65535, "应为1到65535之间的端口号 (a port number)"))]
Hour = Annotated[int, BeforeValidator(_whole(0, 23, "应为0到23之间的整点，如8 (an hour, 0 to 23)"))]
DepartmentKey = Annotated[str, BeforeValidator(_required), AfterValidator(_department)]


class EmailSettings(Settings):
    host: Text
    port: Port | None = None  # 465 for ssl, 587 for starttls, 25 for none
    security: Annotated[str, BeforeValidator(_choice(SMTP_SECURITY, "unknown security"))] = "starttls"
    user: OptionalText = None
    password: OptionalText = None
    password_env: OptionalText = None  # the name of an environment variable holding the password
    sender: Address
    to: Addresses

    @model_validator(mode="after")
    def _one_password(self) -> EmailSettings:
        if self.password is not None and self.password_env is not None:
            raise _wrong("password 与 password_env 只写一个 (the password twice)")
        if self.user is not None and self.password is None and self.password_env is None:
            raise _wrong("写了 user 就要写 password 或 password_env (a user needs a password)")
        return self


class WecomSettings(Settings):
    webhook: WebAddress


class DingtalkSettings(Settings):
    webhook: WebAddress
    secret: Text


class LinkSettings(Settings):
    ui: WebAddress | None = None
    portal: WebAddress | None = None


class DepartmentContact(Settings):
    email: Addresses


class AlertSettings(Settings):
    email: EmailSettings | None = None
    wecom: WecomSettings | None = None
    dingtalk: DingtalkSettings | None = None
    digest_hour: Hour = 8
    links: LinkSettings = LinkSettings()
    # Keyed by department code, however the file wrote it (code, name or alias of departments.csv).
    departments: Annotated[dict[DepartmentKey, DepartmentContact], BeforeValidator(_mapping)] = {}

    @model_validator(mode="after")
    def _mail_for_departments(self) -> AlertSettings:
        if self.departments and self.email is None:
            raise _wrong("给部门发邮件需要先写 email 设置（邮件服务器）(department contacts need the email settings)")
        return self
