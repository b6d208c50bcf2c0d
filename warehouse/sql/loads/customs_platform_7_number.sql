-- Each row's line in the file. Inside the load's transaction rowid counts this load's rows in file order, from
-- $first_rowid on the first data line; every line skipped before a row (blank, not read, broken) puts it one line
-- further down. Parameters: $load_id, $first_line, $first_rowid, $shift_from (for the k-th skipped line, from 1,
-- the row index from which rows sit k lines down).
UPDATE raw.customs_platform
SET row_number = $first_line + rowid - $first_rowid
                 + CASE WHEN len($shift_from) = 0 THEN 0
                        ELSE len(list_filter($shift_from, lambda start: start <= rowid - $first_rowid)) END
WHERE load_id = $load_id;
