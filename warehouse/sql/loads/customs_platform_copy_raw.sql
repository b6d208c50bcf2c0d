-- A download's rows, loaded by the bounded child (warehouse/platform_child.py) into a database of its own, copied
-- into raw.customs_platform in the loader's transaction: the loader never holds a text of the file in Python.
INSERT INTO raw.customs_platform BY NAME
SELECT * FROM customs_platform_staged.raw.customs_platform;
