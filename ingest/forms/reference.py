"""Reference data kept by the centre in <ZHAOSHANG_HOME>/reference: departments, enterprises, metrics,
targets, exchange rates, ranking weights, how often each source reports, customs enterprises set aside.

Every file is read whole and checked by its model (reference_models.py) before any source is loaded; every
problem of every file is gathered into one ReferenceError, so the clerk fixes them in one go.
"""

from __future__ import annotations

import csv
import io
import typing
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from ingest.encoding import detect_encoding
from ingest.forms.reference_data import Names, Reference
from ingest.forms.reference_models import (
    CadenceRow,
    CalendarSettings,
    DepartmentRow,
    DepartmentTargetRow,
    EnterpriseRow,
    FxRateRow,
    MetricRow,
    PipelineSettings,
    RankingSettings,
    Settings,
    SixPostPlanRow,
    TargetRow,
    TradeDismissedRow,
    listing,
    nearest,
    settings_dump,
)
from ingest.text import normalise, visible
from ingest.unreadable import UnreadableFile

CSV_FILES: dict[str, type[BaseModel]] = {
    "departments.csv": DepartmentRow,
    "enterprises.csv": EnterpriseRow,
    "metrics.csv": MetricRow,
    "targets.csv": TargetRow,
    "fx_rates.csv": FxRateRow,
    "department_targets.csv": DepartmentTargetRow,
    "six_post_plan.csv": SixPostPlanRow,
    "cadence.csv": CadenceRow,
    "trade_dismissed.csv": TradeDismissedRow,
}
REQUIRED_FILES = ("departments.csv", "enterprises.csv", "metrics.csv", "targets.csv", "fx_rates.csv")
SETTINGS_FILES: dict[str, type[Settings]] = {
    "ranking.yaml": RankingSettings, "pipeline.yaml": PipelineSettings, "calendar.yaml": CalendarSettings,
}

class ReferenceError(ValueError):
    """The reference data is wrong: every problem found, one a line, each naming the file, the line or key, the
    value as written and what was expected. A ValueError, so a command line reports it like any bad argument."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(self.problems)


def load_reference(folder: Path) -> Reference:
    """Every reference file read and checked; ReferenceError lists every problem of every file."""
    reading = _Reading(folder)
    departments = reading.rows("departments.csv")
    reading.unique("departments.csv", departments, lambda row: row.code, "code")
    department_names = reading.names("departments.csv", departments, lambda row: row.code, _names,
                                     "两个部门 (names two departments)")
    metrics = reading.rows("metrics.csv")
    reading.unique("metrics.csv", metrics, lambda row: row.code, "code")
    metric_names = reading.names("metrics.csv", metrics, lambda row: row.code, _names,
                                 "两个指标 (names two metrics)")
    enterprises = reading.rows("enterprises.csv")
    reading.unique("enterprises.csv", enterprises, lambda row: normalise(row.name), "name")
    reading.names("enterprises.csv", enterprises, lambda row: row.name, _names, "两家企业 (names two enterprises)")
    reading.unique("enterprises.csv", enterprises, lambda row: row.uscc, "uscc")
    reading.unique("enterprises.csv", enterprises, lambda row: row.customs_code, "customs_code")
    context = {"departments": department_names, "metrics": metric_names}
    targets = reading.rows("targets.csv", context)
    reading.unique("targets.csv", targets, lambda row: (row.year, row.metric_code))
    department_targets = reading.rows("department_targets.csv", context)
    reading.unique("department_targets.csv", department_targets,
                   lambda row: (row.year, row.department_code, row.metric))
    fx_rates = reading.rows("fx_rates.csv")
    reading.unique("fx_rates.csv", fx_rates, lambda row: (row.year, row.month))
    six_post_plan = reading.rows("six_post_plan.csv")
    reading.unique("six_post_plan.csv", six_post_plan, lambda row: (row.year, normalise(row.project_name)))
    cadence = reading.rows("cadence.csv", context)
    reading.unique("cadence.csv", cadence, lambda row: (row.source, row.department))
    trade_dismissed = reading.rows("trade_dismissed.csv")
    settings = {name.removesuffix(".yaml"): values for name in SETTINGS_FILES
                if (values := reading.settings(name)) is not None}
    reading.misnamed()
    if reading.problems:
        raise ReferenceError(reading.problems)

    def dumped(rows: list[tuple[int, BaseModel]]) -> list[dict]:
        return [row.model_dump() for _, row in rows]

    reference = Reference(
        departments=dumped(departments),
        enterprises=dumped(enterprises),
        metrics=dumped(metrics),
        targets=dumped(targets),
        department_targets=dumped(department_targets),
        fx_rates={(row.year, row.month): row.usd_cny for _, row in fx_rates},
        six_post_plan=dumped(six_post_plan),
        settings=settings,
        trade_dismissed=dumped(trade_dismissed),
    )
    if (folder / "cadence.csv").exists():
        reference.cadence = [{"source": row.source, "department_code": row.department, "cadence": row.cadence,
                              "due_days": row.due_days} for _, row in cadence]
    return reference


def load_settings(folder: Path, name: str, model: type[Settings]) -> Settings | None:
    """One optional settings file of the folder checked by its model as the night checks the others, departments
    resolved through departments.csv; None when it is absent, ReferenceError listing its problems when it is wrong.
    For a file the night does not need (alerts.yaml): its mistakes must not stop a night."""
    reading = _Reading(folder)
    departments = reading.rows("departments.csv")
    names = reading.names("departments.csv", departments, lambda row: row.code, _names,
                          "两个部门 (names two departments)")
    reading.problems.clear()  # departments.csv's own problems are the night's to report
    checked = reading.checked(name, model, {"departments": names})
    if reading.problems:
        raise ReferenceError(reading.problems)
    return checked


def _names(row: BaseModel) -> Iterable[tuple[str, str]]:
    """(column, name) for every name a row is known by: its code, name and aliases."""
    for column in ("code", "name"):
        if column in type(row).model_fields:
            yield column, getattr(row, column)
    for alias in row.aliases:
        yield "aliases", alias


@dataclass
class _Reading:
    """One pass over the reference folder, gathering the problems of every file."""

    folder: Path
    problems: list[str] = field(default_factory=list)
    # Each file's rows as written (None when the file could not be read at all: its codes are unknown, not absent).
    written: dict[str, list[dict[str, str]] | None] = field(default_factory=dict)

    def problem(self, message: str) -> None:
        self.problems.append(visible(message))

    def misnamed(self) -> None:
        """A reference file saved under another extension (targets.xlsx, ranking.yml) would be left unread."""
        expected = {Path(name).stem: name for name in (*CSV_FILES, *SETTINGS_FILES)}
        for path in sorted(self.folder.iterdir()):
            intended = expected.get(path.stem.lower())
            if intended and path.name != intended:
                self.problem(f"{path.name}：不会被读取，应保存为 {intended} (to be read, save it as {intended})")

    def text(self, name: str) -> str | None:
        path = self.folder / name
        if not path.exists():
            if name in REQUIRED_FILES:
                self.problem(f"{name}：缺少这个文件，参考数据目录 {self.folder} 中必须有它 (missing reference file)")
            return None
        data = path.read_bytes()
        try:
            encoding = detect_encoding(data)
            return data.decode(encoding)
        except UnreadableFile as err:
            self.problem(f"{name}：{err}")
        except UnicodeDecodeError as err:
            line = data[:err.start].count(b"\n") + 1
            self.problem(f"{name} 第{line}行：有无法识别的字符，请另存为UTF-8编码 (undecodable bytes)")
        return None

    def rows(self, name: str, context: dict | None = None) -> list[tuple[int, BaseModel]]:
        """The file's rows that pass its model, with their line numbers; the others are problems."""
        model = CSV_FILES[name]
        optional = tuple(column for column, info in model.model_fields.items() if not info.is_required())
        lines = self._lines(name, tuple(model.model_fields), optional)
        self.written[name] = None if lines is None else [cells for _, cells in lines]
        if lines is None:
            return []
        valid = []
        for line, cells in lines:
            try:
                valid.append((line, model.model_validate(cells, context=context)))
            except ValidationError as err:
                for error in err.errors(include_url=False):
                    if not error["loc"]:  # a rule of the whole row
                        self.problem(f"{name} 第{line}行：{error['msg']}")
                        continue
                    column = str(error["loc"][0])
                    self.problem(f"{name} 第{line}行 {column}：{_as_written(cells[column])}{error['msg']}")
        return valid

    def _lines(self, name: str, columns: tuple[str, ...], optional: tuple[str, ...]
               ) -> list[tuple[int, dict[str, str]]] | None:
        """(line number as an editor shows it, cells by column, an optional column left out reading blank) for each
        row that is not blank; None when the file is missing or its header is wrong."""
        text = self.text(name)
        if text is None:
            return None
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header, header_line, rows, next_line = None, 0, [], 1
        try:
            for record in reader:
                line, next_line = next_line, reader.line_num + 1
                if not any(cell.strip() for cell in record):
                    continue
                if header is None:
                    header, header_line = [cell.strip() for cell in record], line
                else:
                    rows.append((line, record))
        except csv.Error as err:
            self.problem(f"{name} 第{next_line}行：CSV格式有误，请检查这一行的引号是否配对 (malformed CSV: {err})")
            return None
        if header is None:
            self.problem(f"{name}：文件中没有表头，第1行应为 {','.join(columns)} (no header)")
            return None
        if not self._header_ok(name, header, header_line, columns, optional, [record for _, record in rows]):
            return None
        lines = []
        for line, record in rows:
            extra = [cell.strip() for cell in record[len(header):] if cell.strip()]
            if extra:
                self.problem(f"{name} 第{line}行：比表头多出内容「{','.join(extra)}」，名称中有逗号时请用引号括起 "
                             "(more cells than columns)")
                continue
            cells = dict(zip(header, [cell.strip() for cell in record], strict=False))
            lines.append((line, {column: cells.get(column, "") for column in columns}))
        return lines

    def _header_ok(self, name: str, header: list[str], line: int, columns: tuple[str, ...],
                   optional: tuple[str, ...], records: list[list[str]]) -> bool:
        where = f"{name} 第{line}行"
        expected = f"应有的列为 {listing(columns)}"
        ok = True
        for position, column in enumerate(header):
            if header.index(column) < position and column:
                self.problem(f"{where} {column}：这一列出现了两次 (column twice)")
                ok = False
            elif not column:
                if any(position < len(record) and record[position].strip() for record in records):
                    self.problem(f"{where} 第{position + 1}列：有内容但没有列名，{expected} (a column without a name)")
                    ok = False
            elif column not in columns:
                self.problem(f"{where} {column}：不认识的列{nearest(column, columns)}，{expected} (unknown column)")
                ok = False
        missing = [column for column in columns if column not in header and column not in optional]
        if missing:
            self.problem(f"{where}：缺少列 {listing(missing)}，{expected} (missing columns)")
            ok = False
        return ok

    def unique(self, name: str, rows: list[tuple[int, BaseModel]], key: Callable[[BaseModel], Hashable],
               column: str | None = None) -> None:
        """Each key once in the file (a blank key is no key)."""
        first: dict[Hashable, int] = {}
        for line, row in rows:
            value = key(row)
            if value is None:
                continue
            if value in first:
                written = value if column else " ".join(str(part) for part in value if part is not None)
                place = f"{name} 第{line}行 {column}" if column else f"{name} 第{line}行"
                self.problem(f"{place}：「{written}」已在第{first[value]}行设置过 (set twice)")
            else:
                first[value] = line

    def names(self, name: str, rows: list[tuple[int, BaseModel]], code: Callable[[BaseModel], str],
              written: Callable[[BaseModel], Iterable[tuple[str, str]]], two: str) -> Names | None:
        """Every name, alias and code of the file -> the code it stands for; a name that stands for two is a
        problem. None when the file could not be read (cross-file rules then judge nothing against it); the code,
        name and aliases of a row that is wrong otherwise still count as known, so rows naming it are not blamed
        for its mistake."""
        if self.written.get(name) is None:
            return None
        names, line_of = Names(), {}
        for line, row in rows:
            line_of.setdefault(code(row), line)
            for column, each in written(row):
                holder = names.add(code(row), each)
                if holder is not None:
                    self.problem(f"{name} 第{line}行 {column}：「{each}」已是第{line_of[holder]}行的名称或别名，"
                                 f"不能同时指{two}")
        for cells in self.written[name]:
            code = cells.get("code")
            if code and names.get(code) is None:
                # A row wrong in another column (a reports_from) is still known by its name and aliases as written.
                for each in (code, cells.get("name"), *cells.get("aliases", "").split("|")):
                    if each.strip() and names.get(each.strip()) is None:
                        names.add(code, each.strip())
        return names

    def settings(self, name: str) -> dict | None:
        """The keys the YAML file sets, checked by its model; None when the file is absent or wrong."""
        checked = self.checked(name, SETTINGS_FILES[name])
        return None if checked is None else settings_dump(checked)

    def checked(self, name: str, model: type[Settings], context: dict | None = None) -> Settings | None:
        """The YAML file checked by its model; None when the file is absent or wrong."""
        text = self.text(name)
        if text is None:
            return None
        loader = _StrictLoader(text)
        try:
            values = loader.get_single_data()
        except yaml.MarkedYAMLError as err:
            # A scanner's context is where the broken token starts (a key without its colon, an open quote).
            mark = (err.context_mark if isinstance(err, yaml.scanner.ScannerError) else None) or err.problem_mark
            where = f"{name} 第{mark.line + 1}行" if mark else name
            self.problem(f"{where}：不是有效的YAML格式，请检查冒号和缩进（{err.problem}）(not valid YAML)")
            return None
        finally:
            loader.dispose()
        for key, line, first in loader.repeated:
            self.problem(f"{name} 第{line}行 {key}：重复设置，第{first}行已经设置过 (set twice)")
        if values is None:
            values = {}
        if not isinstance(values, dict):
            self.problem(f"{name}：应逐行写「名称: 值」的设置 (must be key: value settings)")
            return None
        try:
            checked = model.model_validate(values, context=context)
        except ValidationError as err:
            for error in err.errors(include_url=False):
                path = [str(part) for part in error["loc"] if part != "[key]"]
                place = f"{name} {'.'.join(path)}：" if path else f"{name}："
                if error["type"] == "extra_forbidden":
                    known = _section(model, path[:-1]).model_fields
                    self.problem(f"{place}不认识的设置项，已知的有 {listing(known)}"
                                 f"{nearest(path[-1], known)} (unknown key)")
                elif error["type"] == "missing":
                    self.problem(f"{place}缺少这一项，必须填写 (missing)")
                elif not error["loc"] or error["loc"][-1] == "[key]" or isinstance(error["input"], dict):
                    # a rule of the whole file or of a section, a key
                    self.problem(place + error["msg"])
                else:
                    self.problem(place + _as_written(error["input"]) + error["msg"])
            return None
        if loader.repeated:
            return None
        return checked


def _section(model: type[BaseModel], path: list[str]) -> type[BaseModel]:
    """The model of a nested section (alerts.yaml's email: ...) by its keys; a mapping's own keys pass through."""
    for key in path:
        field = model.model_fields.get(key)
        if field is None:
            continue
        inner = [arg for arg in (*typing.get_args(field.annotation), field.annotation)
                 if isinstance(arg, type) and issubclass(arg, BaseModel)]
        if inner:
            model = inner[0]
    return model


def _as_written(value: object) -> str:
    """「value」 for a message, or nothing for a blank cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, bool):
        value = str(value).lower()
    return f"「{value}」"


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, noting a key set twice in one mapping (PyYAML silently keeps the last) and refusing
    aliases: ten lines of nested `*a` (a billion laughs) took the loader past 1.4 GB before its first check."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.repeated: list[tuple[object, int, int]] = []

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "不能用 * 引用别处的值 (aliases are not allowed)",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        first: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, Hashable):
                continue  # PyYAML refuses it below, with its own message
            if key in first:
                self.repeated.append((key, line, first[key]))
            else:
                first[key] = line
        return super().construct_mapping(node, deep)
