"""The code lists: every value a coded column may hold, its Chinese label, the ways clerks write it, and what it means
to the marts. This is their one home: the forms' allowed values (schemas/), the readers' synonyms (ingest/forms/),
the template's drop-downs and core.codes, which the SQL joins for what a value means (a valuable lead, the figure
an activity counts in, the order of stages), all read these lists when they run, so a value added here is offered,
accepted and counted with no other edit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    value: str  # as stored in raw.* and core.*
    synonyms: tuple[str, ...] = ()  # other ways clerks write it (full-width forms and spaces already folded)
    label: str | None = None  # Chinese label, where the stored value is not Chinese itself
    written: bool = True  # False: computed by the warehouse, never accepted from a file
    rank: int | None = None  # the order of project stages
    valuable: bool = False  # a lead status that counts as a valuable lead (在谈, 已签约)
    stage: str | None = None  # the project stage a lead status reports
    measure: str | None = None  # the department figure an activity type counts in

    @property
    def chinese(self) -> str:
        return self.label or self.value


@dataclass(frozen=True)
class CodeList:
    name: str
    label: str
    codes: tuple[Code, ...]

    def values(self, written_only: bool = False) -> list[str]:
        return [code.value for code in self.codes if code.written or not written_only]

    def lookup(self, key: str) -> str | None:
        """The value a written form (already normalised) stands for; None when it is none of this list's."""
        for code in self.codes:
            if code.written and key in (code.value, code.label, *code.synonyms):
                return code.value
        return None


LISTS: dict[str, CodeList] = {c.name: c for c in (
    CodeList("lead_status", "线索状态", (
        Code("线索", ("新线索", "初步接触"), stage="线索"),
        Code("在谈", ("洽谈", "洽谈中", "正在洽谈"), valuable=True, stage="在谈"),
        Code("已签约", ("签约",), valuable=True, stage="签约"),
        Code("已放弃", ("放弃", "终止")),
    )),
    CodeList("activity_type", "活动类型", (
        Code("外出招商", ("外出",), measure="trips"),
        Code("考察对接", ("考察", "对接"), measure="enterprises_visited"),
        Code("会见客商", ("会见", "接待客商"), measure="investor_meetings"),
        Code("推介活动", ("推介会", "推介"), measure="promotions"),
    )),
    # The bureau confirms 签约 and later; 线索 and 在谈 are stages the warehouse reads from department leads.
    CodeList("project_stage", "项目阶段", (
        Code("线索", rank=0, written=False),
        Code("在谈", rank=1, written=False),
        Code("签约", ("已签约",), rank=2),
        Code("履约", ("已履约",), rank=3),
        Code("开工", ("已开工",), rank=4),
        Code("投产", ("已投产", "竣工投产"), rank=5),
    )),
    CodeList("provincial_status", "省级认定状态", (
        Code("待认定", ("未认定", "申报中")),
        Code("已认定", ("省已认定",)),
    )),
    CodeList("batch_type", "三个一批类型", (
        Code("签约一批", ("签约",)),
        Code("开工一批", ("开工",)),
        Code("投产一批", ("投产",)),
    )),
    CodeList("kpi_basis", "口径", (
        # Labelled by who confirms it, so a Chinese reader tells it from the departments' figure beside it.
        Code("confirmed", ("认定", "已认定", "确认"), label="市商务局认定"),
        Code("estimated", ("预估", "预测"), label="预计"),
        Code("reported", label="部门报送", written=False),  # department figures, never the bureau's
    )),
    CodeList("six_post", "六职领导", tuple(Code(post) for post in (
        "党工委书记", "管委会主任", "党工委副书记", "管委会常务副主任", "管委会副主任", "纪工委书记"))),
    # Values the marts compute: their labels are what the zh views, the console and the reports show for them.
    *(CodeList(name, label, tuple(Code(value, label=chinese, written=False) for value, chinese in codes))
      for name, label, codes in (
        ("kpi_status", "完成状态", (("achieved", "达成"), ("on_track", "正常"), ("behind", "落后"),
                                   ("no_target", "无目标"))),
        ("kpi_source", "指标来源", (("bureau", "市商务局认定值"), ("bureau_projects", "市商务局认定项目清单"),
                                   ("customs", "海关企业表"), ("departments", "部门报送"))),
        ("kpi_change", "变化类型", (("first", "首次"), ("later_period", "新的统计期"),
                                   ("earlier_period", "较早的统计期"), ("revised", "同期修订"), ("unchanged", "未变"),
                                   ("left_out", "本批次未报"))),
        ("ranking_list", "红黑榜", (("red", "红榜"), ("black", "黑榜"))),
        ("department_measure", "部门考核指标", (
            ("valuable_leads", "有价值线索"), ("signed_projects", "签约项目"), ("yi_projects", "亿元项目"),
            ("signed_investment", "签约投资额"), ("registered_enterprises", "注册企业"), ("trips", "外出招商"),
            ("enterprises_visited", "考察对接企业"), ("investor_meetings", "会见客商"))),
        ("cadence", "报送频率", (("weekly", "每周"), ("monthly", "每月"))),
        ("freshness_status", "报送状态", (("current", "正常"), ("overdue", "逾期"), ("no_cadence", "未设频率"),
                                        ("never_received", "从未收到"))),
        ("period_kind", "期间类型", (("month", "单月"), ("cumulative", "1-N月累计"), ("span", "多月"))),
        ("stage_source", "阶段来源", (("bureau", "市商务局认定表"), ("department_signed", "部门签约台账"),
                                     ("department_lead", "部门线索"))),
        ("rate_denominator", "比率分母", (("signed", "全部签约项目"), ("signed_confirmed", "经认定的签约项目"),
                                         ("fulfilled", "已履约项目"))),
    )),
)}


def code_list(name: str) -> CodeList:
    """Looked up when used, never captured at import, so the lists stay the one place a value is added."""
    return LISTS[name]


def allowed_message(list_name: str, value: object) -> str:
    allowed = "、".join(code.chinese for code in code_list(list_name).codes if code.written)
    return f"「{value}」不是可选的{code_list(list_name).label}，应为：{allowed} (not one of the allowed values)"
