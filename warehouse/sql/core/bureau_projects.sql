-- Bureau-confirmed projects (项目认定): the latest confirmation of each project name.
CREATE OR REPLACE TABLE core.bureau_projects AS
SELECT * EXCLUDE (rn) FROM (
    SELECT p.*, row_number() OVER (
        PARTITION BY p.project_name ORDER BY p.confirmed_on DESC NULLS LAST, p.load_id DESC, p.row_number DESC
    ) AS rn
    FROM raw.bureau_projects p JOIN core.active_loads USING (load_id)
) WHERE rn = 1;

COMMENT ON TABLE core.bureau_projects IS '市商务局认定项目（每个项目名称取最新一次认定）the bureau''s confirmed projects: the latest confirmation of each project name, columns as in raw.bureau_projects';
