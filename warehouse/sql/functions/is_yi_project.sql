-- 亿元项目: a project whose total investment is 1 亿元 or more (false when no amount was given), counted the same way
-- in the departments' weekly figures, their signed projects and the pipeline.
CREATE OR REPLACE MACRO core.is_yi_project(total_investment_yi_yuan) AS coalesce(total_investment_yi_yuan >= 1, false);
