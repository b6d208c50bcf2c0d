-- The order of project stages, from the first lead to production.
CREATE OR REPLACE MACRO core.stage_rank(stage) AS
    CASE stage WHEN '线索' THEN 0 WHEN '在谈' THEN 1 WHEN '签约' THEN 2 WHEN '履约' THEN 3
               WHEN '开工' THEN 4 WHEN '投产' THEN 5 END;
