-- Every row that names a project, wherever it came from, with the stage it reports and the date it reported it:
-- a bureau row its stage (a listed project without one is under negotiation, or signed when it has a signing
-- date) on its confirmation date; a department's signed ledger 签约 and its leads their status, on the date the
-- workbook was filled in (else the end of its period). An abandoned lead reports no stage.
CREATE OR REPLACE TABLE core.project_mentions AS
SELECT 'bureau' AS source, p.load_id, p.file_name, p.sheet, p.row_number,
       p.project_name, p.investor, p.department_code, p.total_investment_yi_yuan AS amount_yi_yuan,
       p.signed_on, p.stage, NULL::VARCHAR AS lead_status, p.confirmed_on, p.batch, p.batch_type,
       p.provincial_status, p.six_post_leader,
       r.as_of,
       coalesce(p.stage, CASE WHEN p.signed_on IS NOT NULL THEN '签约' ELSE '在谈' END) AS reported_stage,
       coalesce(p.confirmed_on, CAST(r.received_at AS DATE)) AS reported_on
FROM raw.bureau_projects p
JOIN core.bureau_rounds r USING (load_id)
UNION ALL BY NAME
SELECT 'department_signed' AS source, s.load_id, s.file_name, s.sheet, s.row_number,
       s.project_name, s.investor, s.department_code, s.total_investment_yi_yuan AS amount_yi_yuan,
       s.signed_on, '签约' AS stage, NULL AS lead_status, NULL AS confirmed_on, NULL AS batch, NULL AS batch_type,
       NULL AS provincial_status, s.six_post_leader, d.period_end AS as_of,
       '签约' AS reported_stage, coalesce(d.reported_on, d.period_end) AS reported_on
FROM core.department_signed_projects s
JOIN core.department_reports d USING (load_id)
UNION ALL BY NAME
SELECT 'department_lead' AS source, x.load_id, x.file_name, x.sheet, x.row_number,
       x.lead_name AS project_name, x.investor, x.department_code,
       x.expected_investment_yi_yuan AS amount_yi_yuan, NULL AS signed_on,
       NULL AS stage, x.status AS lead_status, NULL AS confirmed_on, NULL AS batch, NULL AS batch_type,
       NULL AS provincial_status, NULL AS six_post_leader, d.period_end AS as_of,
       CASE x.status WHEN '已签约' THEN '签约' WHEN '已放弃' THEN NULL ELSE x.status END AS reported_stage,
       coalesce(d.reported_on, d.period_end) AS reported_on
FROM core.department_leads x
JOIN core.department_reports d USING (load_id);

COMMENT ON TABLE core.project_mentions IS '项目出现记录（认定表、部门签约台账、线索的每一行）every row that names a project, with the stage it reports and when';
COMMENT ON COLUMN core.project_mentions.source IS '来源（bureau 认定表，department_signed 部门签约台账，department_lead 部门线索）source';
COMMENT ON COLUMN core.project_mentions.load_id IS '载入编号 load id';
COMMENT ON COLUMN core.project_mentions.file_name IS '文件名 file name';
COMMENT ON COLUMN core.project_mentions.sheet IS '工作表 sheet';
COMMENT ON COLUMN core.project_mentions.row_number IS '行号 row in the sheet';
COMMENT ON COLUMN core.project_mentions.project_name IS '项目名称（原文）project name as written';
COMMENT ON COLUMN core.project_mentions.investor IS '投资方（原文）investor as written';
COMMENT ON COLUMN core.project_mentions.department_code IS '部门代码（责任单位或填报部门）department: responsible (bureau) or reporting';
COMMENT ON COLUMN core.project_mentions.amount_yi_yuan IS '投资额（亿元；线索为预计投资额）investment, 亿元 (expected, for a lead)';
COMMENT ON COLUMN core.project_mentions.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN core.project_mentions.stage IS '认定阶段（认定表）或 签约（签约台账）stage as the row gives it';
COMMENT ON COLUMN core.project_mentions.lead_status IS '线索状态 lead status';
COMMENT ON COLUMN core.project_mentions.confirmed_on IS '认定日期 bureau confirmation date';
COMMENT ON COLUMN core.project_mentions.batch IS '三个一批期次 batch number';
COMMENT ON COLUMN core.project_mentions.batch_type IS '三个一批类型 batch type';
COMMENT ON COLUMN core.project_mentions.provincial_status IS '省级认定状态 provincial status';
COMMENT ON COLUMN core.project_mentions.six_post_leader IS '六职领导 six-post leader';
COMMENT ON COLUMN core.project_mentions.as_of IS '所属期末（认定批次或报告期的最后一天）the last day of the period the row speaks for';
COMMENT ON COLUMN core.project_mentions.reported_stage IS '所报阶段 the stage the row reports (NULL for an abandoned lead)';
COMMENT ON COLUMN core.project_mentions.reported_on IS '报告日期（认定日期或填报日期）the date it was reported';
