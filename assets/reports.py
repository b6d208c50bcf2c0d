"""What the centre's people read, rewritten whenever the published warehouse changes: the latest month's briefing
and leadership workbook, and the latest week's ranking notice (reports/)."""

import dagster as dg

from assets.full_disk import explains_full_disk
from assets.publish import published_warehouse
from warehouse.crashpoints import crash_point
from warehouse.resource import Warehouse


@dg.asset(group_name="publish", deps=[published_warehouse], kinds={"docx", "xlsx"},
          description="工作总结（数据部分）、领导用表、周排序通报 the briefing, leadership workbook and weekly ranking "
                      "notice: <ZHAOSHANG_HOME>/reports/<period>/")
@explains_full_disk
def people_reports(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    paths = warehouse.paths
    published = paths.published_state.read_text()
    marker = paths.reports / ".published-state"
    if marker.exists() and marker.read_text() == published:
        return dg.MaterializeResult(metadata={"本次重写 rewritten this run": False})
    # Imported here: matplotlib and python-docx cost a second of start-up that a run without changes never needs.
    from reports.monthly import write_month_reports
    from reports.queries import NothingToReport
    from reports.weekly import write_ranking_notice

    written: list[str] = []
    # Each on its own: a month with nothing to report must not cost the week's ranking notice, nor the reverse.
    try:
        month = write_month_reports(paths.published_db, paths.reports)
        written += [str(month.docx), str(month.markdown), str(month.xlsx)]
    except NothingToReport as err:
        context.log.warning(str(err))
    crash_point("reports.write")
    try:
        notice = write_ranking_notice(paths.published_db, paths.reports)
        written += [str(notice.docx), str(notice.xlsx)]
    except NothingToReport as err:
        context.log.warning(str(err))
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(published)
    return dg.MaterializeResult(metadata={"本次重写 rewritten this run": True,
                                          "文件 files": "\n".join(written) or "（无 none）"})
