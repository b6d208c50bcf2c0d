"""The tests' one reference data set: the ten demo departments with their aliases and targets, two roster
enterprises, the five metrics with the names the bureau writes them under, the 2024 targets and rates, a six-post plan
and the ranking weights. A test that is about one of them replaces just that file:
write_reference(folder, **{"six_post_plan.csv": "..."})."""

from __future__ import annotations

from pathlib import Path

BASE = {
    "departments.csv": """code,name,aliases
D01,招商服务中心,招商中心
D02,经济发展局,经发局|区经发局
D03,财政金融局,财金局
D04,建设管理局,建管局
D05,社会事业局,社事局
D06,自然资源分局,资源分局
D07,市场监管分局,市监分局
D08,党群工作部,党群部
D09,阴阳赵镇,阴阳赵镇人民政府
D10,新城办事处,新城办|新城街道办事处
""",
    "enterprises.csv": """name,aliases,uscc,customs_code
漯河臻茂实业有限公司,臻茂实业,9141110052601815XC,4111990830
漯河正腾商贸有限公司,正腾商贸,91411102909378654A,4111379754
""",
    "metrics.csv": """code,name,unit,aliases
signed_projects,签约项目,个,签约项目数
signed_investment,签约投资额,亿元,签约项目投资额|签约项目总投资
foreign_capital,实际利用境外资金,万美元,实际利用外资|利用外资
domestic_capital,实际利用省外境内资金,亿元,省外资金
trade_total,货物进出口额,万元,进出口额
""",
    "targets.csv": """year,metric_code,target
2024,signed_projects,12
2024,signed_investment,20
2024,foreign_capital,30
2024,domestic_capital,7
2024,trade_total,5300
""",
    "fx_rates.csv": "year,month,usd_cny\n2024,4,7.1000\n2024,5,7.1100\n2024,6,7.1128\n",
    "department_targets.csv": """year,department_code,metric,target
2024,D01,valuable_leads,10
2024,D01,signed_projects,2
2024,D02,valuable_leads,10
2024,D02,signed_projects,2
2024,D10,valuable_leads,10
2024,D10,signed_projects,2
""",
    "six_post_plan.csv": """year,leader,project_name,investor
2024,管委会主任,智慧物流总部项目,中原智慧物流集团有限公司
2024,管委会主任,旅游出行综合服务平台项目,盛威时代科技股份有限公司
2024,党工委书记,数字经济文化产业项目,环球数码创意科技（深圳）有限公司
""",
    "ranking.yaml": """weights:
  valuable_leads: 0.5
  signed_projects: 0.5
completion_rate_cap: 1.5
red_list_size: 1
black_list_size: 1
""",
}


def write_reference(folder: Path, **replaced: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (BASE | replaced).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
