"""The portal's roles, importable before Django is set up (the command line offers them)."""

CLERK, BUREAU, CUSTOMS, OPERATOR = "clerk", "bureau", "customs", "operator"
ROLES = (CLERK, BUREAU, CUSTOMS, OPERATOR)
ROLE_LABELS = {CLERK: "部门填报员", BUREAU: "商务局报送员", CUSTOMS: "海关数据报送员", OPERATOR: "运维管理员"}
# The landing folder (ingest/sources.py) each submitting role sends into; an operator sends nothing.
ROLE_SOURCE = {CLERK: "departments", BUREAU: "bureau", CUSTOMS: "customs"}
