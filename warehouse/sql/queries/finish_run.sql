-- A run reaching its publication: its status ($status: published | unchanged) and what it read. $run_id: the run.
UPDATE audit.runs SET
    finished_at = now(),
    status = $status,
    files_read = (SELECT count(*) FROM audit.loads WHERE run_id = $run_id),
    files_rejected = (SELECT count(*) FROM audit.loads WHERE run_id = $run_id AND status IN ('rejected', 'failed')),
    rows_quarantined = (SELECT coalesce(sum(rows_rejected), 0) FROM audit.loads WHERE run_id = $run_id),
    checks_failed = (SELECT count(*) FROM audit.check_results
                     WHERE run_id = $run_id AND NOT passed AND severity <> 'information')
WHERE run_id = $run_id;
