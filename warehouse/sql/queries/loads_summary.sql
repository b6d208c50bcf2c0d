-- Files read per source and status, with their rows.
SELECT source, status, count(*) AS files, sum(rows_read)::BIGINT AS rows_read,
       sum(rows_accepted)::BIGINT AS rows_accepted, sum(rows_rejected)::BIGINT AS rows_rejected
FROM audit.loads
GROUP BY ALL
ORDER BY source, status;
