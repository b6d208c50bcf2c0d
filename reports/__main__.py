"""`python -m reports briefing [--period 2024-06]` and `python -m reports ranking [--week 2024-W26]`: the files
people read, from the published warehouse of ZHAOSHANG_HOME (or --home) into its reports/ folder."""

from __future__ import annotations

import argparse
import sys

from reports.monthly import write_month_reports
from reports.periods import IsoWeek, Month
from reports.queries import NothingToReport
from reports.weekly import write_ranking_notice
from warehouse.home import keep_files_private, paths


def _parsed(kind: type[Month] | type[IsoWeek]):
    def parse(text: str) -> Month | IsoWeek:
        try:
            return kind.parse(text)
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err)) from None
    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reports", description=__doc__)
    parser.add_argument("--home", help="ZHAOSHANG_HOME (default: $ZHAOSHANG_HOME or ./data)")
    commands = parser.add_subparsers(dest="command", required=True)
    briefing = commands.add_parser("briefing", help="工作总结（数据部分）.docx/.md and the leadership .xlsx of a month")
    briefing.add_argument("--period", type=_parsed(Month),
                          help="2024-06; default: the latest complete month with figures")
    ranking = commands.add_parser("ranking", help="周排序通报 .docx/.xlsx of an ISO week")
    ranking.add_argument("--week", type=_parsed(IsoWeek), help="2024-W26; default: the latest ranked week")
    args = parser.parse_args(argv)

    where = paths(args.home)
    keep_files_private()
    try:
        if args.command == "briefing":
            made = write_month_reports(where.published_db, where.reports, args.period)
            written = [made.docx, made.markdown, made.xlsx, *made.charts.values()]
        else:
            notice = write_ranking_notice(where.published_db, where.reports, args.week)
            written = [notice.docx, notice.xlsx] + ([notice.chart] if notice.chart else [])
    except NothingToReport as err:
        print(err, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
