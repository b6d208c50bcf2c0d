"""What needs a person, sent by mail, a WeCom or a DingTalk group robot, once per problem: plain functions that know
nothing of Dagster (orchestration/alerting.py calls them after every run and at the digest hour)."""
