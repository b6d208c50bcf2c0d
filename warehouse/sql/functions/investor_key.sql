CREATE OR REPLACE MACRO core.investor_key(written) AS
    nullif(regexp_replace(core.name_key(written), '(股份有限公司|有限责任公司|有限公司|公司)$', ''), '');
