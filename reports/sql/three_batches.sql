-- 三个一批: every batch, with its projects; a batch is open while a project in it is unsigned or waits for the
-- province's confirmation.
SELECT batch, batch_type, projects, total_investment_yi_yuan, waiting_provincial, confirmed_provincial, signed, started,
       array_to_string(project_names, '、') AS project_names,
       signed < projects OR waiting_provincial > 0 AS open
FROM marts.three_batches
ORDER BY batch, batch_type;
