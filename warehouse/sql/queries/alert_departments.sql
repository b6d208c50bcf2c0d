-- The departments with every name they go by, to tell which department a rejected workbook's name names.
SELECT department_code, department_name, aliases FROM core.departments ORDER BY department_code;
