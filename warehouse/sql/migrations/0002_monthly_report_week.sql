-- Build files loaded before 2026-11-29 placed a monthly department report in the ISO week of its last day (December's
-- in the week of 28 December); it now counts in the week of its month's last Thursday (ingest/periods.py), the
-- week that belongs to its month. Rows loaded earlier are placed as a load today would place them.
UPDATE raw.dept_reports SET
    year = CAST(isoyear(last_day(period_end) - CAST((isodow(last_day(period_end)) + 3) % 7 AS INTEGER)) AS INTEGER),
    week = CAST(week(last_day(period_end) - CAST((isodow(last_day(period_end)) + 3) % 7 AS INTEGER)) AS INTEGER)
WHERE period_kind = 'month';
