"""The briefing's charts as PNG images: completion against time progress, monthly trade this year against last,
the department ranking. Chinese labels use the Noto Sans CJK font the mplfonts package ships, registered with
matplotlib directly, so nothing is downloaded and no system font is needed."""

from __future__ import annotations

import functools
from decimal import Decimal
from importlib import resources
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from reports.figures import LIST_ZH, UNRANKED, percent  # noqa: E402
from reports.periods import Month  # noqa: E402
from reports.queries import Row  # noqa: E402

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
COLOURS = {"ahead": "#2e7d32", "behind": "#c62828", "progress": "#9e9e9e", "last_year": "#90a4ae",
           "this_year": "#1565c0", "red": "#c62828", "black": "#212121", "other": "#78909c"}


@functools.cache
def cjk_font() -> str:
    """Register the CJK font file shipped in mplfonts and return its family name."""
    path = resources.files("mplfonts") / "fonts" / CJK_FONT_FILE
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def _figure(width: float, height: float):
    plt.rcParams["font.family"] = [cjk_font()]
    plt.rcParams["axes.unicode_minus"] = False  # the CJK font has no U+2212 minus
    return plt.subplots(figsize=(width, height), dpi=150)


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)
    return path


def kpi_label(kpi: Row) -> str:
    basis = "（预计）" if kpi["basis"] == "estimated" else ""
    return f"{kpi['metric_name']}\n{Month(0, kpi['month']).label}{basis}"


def completion_chart(kpis: list[Row], path: Path) -> Path:
    """Each KPI's completion rate beside its time progress, as horizontal bars, the first KPI on top."""
    shown = [k for k in kpis if k["completion_rate"] is not None]
    fig, ax = _figure(8, 0.8 * len(shown) + 1.2)
    positions = range(len(shown))[::-1]
    height = 0.38
    for y, kpi in zip(positions, shown, strict=True):
        rate, progress = float(kpi["completion_rate"]), float(kpi["time_progress"])
        colour = COLOURS["behind"] if kpi["status"] == "behind" else COLOURS["ahead"]
        ax.barh(y + height / 2, rate, height, color=colour)
        ax.barh(y - height / 2, progress, height, color=COLOURS["progress"])
        ax.text(rate + 0.01, y + height / 2, f"完成率 {percent(kpi['completion_rate'])}", va="center", fontsize=9)
        ax.text(progress + 0.01, y - height / 2, f"时间进度 {percent(kpi['time_progress'])}", va="center",
                fontsize=9, color="#616161")
    ax.set_yticks(list(positions), [kpi_label(k) for k in shown], fontsize=10)
    top = max([1.0] + [float(k["completion_rate"]) for k in shown])
    ax.set_xlim(0, top * 1.3)
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    ax.axvline(1.0, color="#bdbdbd", linewidth=0.8, linestyle="--")
    ax.set_title("市定目标完成率与时间进度", fontsize=13)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def trade_chart(months: list[Row], year: int, path: Path) -> Path:
    """Each month's trade this year beside the same month last year (万元)."""
    def by_month(y: int) -> dict[int, float]:
        return {m["month"]: float(m["total_wan_yuan"]) for m in months
                if m["year"] == y and m["total_wan_yuan"] is not None}
    this, last = by_month(year), by_month(year - 1)
    fig, ax = _figure(8, 4)
    width = 0.4
    ax.bar([m - width / 2 for m in last], list(last.values()), width, color=COLOURS["last_year"], label=f"{year - 1}年")
    ax.bar([m + width / 2 for m in this], list(this.values()), width, color=COLOURS["this_year"], label=f"{year}年")
    for m, value in this.items():
        ax.text(m + width / 2, value, f"{value:.0f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(1, 13), [f"{m}月" for m in range(1, 13)])
    ax.set_ylabel("当月进出口（万元）")
    ax.set_title(f"全区货物进出口：{year}年与{year - 1}年逐月对比", fontsize=13)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def ranking_chart(ranking: list[Row], title: str, path: Path) -> Path:
    """Departments by score, best on top; the red list in red, the black list in black."""
    fig, ax = _figure(8, 0.45 * len(ranking) + 1.4)
    positions = range(len(ranking))[::-1]
    for y, r in zip(positions, ranking, strict=True):
        colour = COLOURS.get(r["list"] or "other", COLOURS["other"])
        score = float(r["score"] if r["score"] is not None else Decimal(0))
        ax.barh(y, score, 0.6, color=colour)
        tag = f"  {LIST_ZH[r['list']]}" if r["list"] in LIST_ZH else ""
        if r["owed_period"]:
            tag += f"  欠报{r['owed_period']}"
        elif not r["ranked"]:
            tag += "  尚未开始报送"  # before its start: owes nothing
        ax.text(score, y, f" {score:.4f}{tag}", va="center", fontsize=9)
    ax.set_yticks(list(positions), [f"{UNRANKED if r['rank'] is None else r['rank']}. {r['department_name']}"
                                    for r in ranking], fontsize=10)
    ax.set_xlim(0, max([0.1] + [float(r["score"] or 0) for r in ranking]) * 1.35)
    ax.set_xlabel("得分")
    ax.set_title(title, fontsize=13)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)
