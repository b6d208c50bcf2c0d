-- Only when DuckDB could not read some lines: those are not in raw, so the lines after each move down by one.
-- Parameter: $load_id.
UPDATE raw.customs_platform
SET row_number = row_number + (
    SELECT count(*) FROM (
        -- The k-th unreadable line L_k comes after the data lines numbered (before shifting) up to L_k - k.
        SELECT line - row_number() OVER (ORDER BY line) + 1 AS first_shifted
        FROM (SELECT DISTINCT line FROM customs_platform_rejects)
    ) WHERE first_shifted <= raw.customs_platform.row_number
)
WHERE load_id = $load_id;
