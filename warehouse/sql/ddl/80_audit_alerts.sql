-- The alerts sent or not (alerts/), copied at each publication from the alert ledger under ZHAOSHANG_HOME/alerts/:
-- the sensors that send them run beside a run holding this file, so they keep their own store.
CREATE TABLE IF NOT EXISTS audit.alerts (
    alert_id     BIGINT PRIMARY KEY,
    sent_at      TIMESTAMP NOT NULL,
    kind         VARCHAR NOT NULL,
    problem_keys VARCHAR NOT NULL,
    reminder     BOOLEAN NOT NULL,
    channel      VARCHAR NOT NULL,
    recipients   VARCHAR,
    status       VARCHAR NOT NULL,
    attempts     INTEGER NOT NULL,
    error        VARCHAR,
    title        VARCHAR NOT NULL,
    body         VARCHAR NOT NULL
);

COMMENT ON TABLE audit.alerts IS '告警记录（每条消息每个通道一行，发出的和没发出的）every alert message on every channel, sent or failed; copied from the alert ledger at each publication';
COMMENT ON COLUMN audit.alerts.alert_id IS '告警编号 alert id, in the order they were sent';
COMMENT ON COLUMN audit.alerts.sent_at IS '发送时间（北京时间）when it was sent or last tried, Asia/Shanghai';
COMMENT ON COLUMN audit.alerts.kind IS '类别（run_failed 运行失败，load 文件退回或数据隔离，check_failed 检查未通过，overdue 逾期未报，digest 每日汇总）kind';
COMMENT ON COLUMN audit.alerts.problem_keys IS '问题键（同一问题始终同一个键，空格分隔）the problems it told of, each by its stable key';
COMMENT ON COLUMN audit.alerts.reminder IS '是否提醒（问题此前已通知过）true for a daily reminder of a problem told before';
COMMENT ON COLUMN audit.alerts.channel IS '通道（email 邮件，wecom 企业微信，dingtalk 钉钉，email:部门代码 部门联系人）channel';
COMMENT ON COLUMN audit.alerts.recipients IS '收件人（机器人为空）mail recipients, NULL for a robot';
COMMENT ON COLUMN audit.alerts.status IS '状态（sent 已发出，failed 发送失败，稍后重试）status';
COMMENT ON COLUMN audit.alerts.attempts IS '尝试次数 attempts made (with backoff between them)';
COMMENT ON COLUMN audit.alerts.error IS '失败原因 why it failed, in the server''s words';
COMMENT ON COLUMN audit.alerts.title IS '标题 the subject as sent';
COMMENT ON COLUMN audit.alerts.body IS '正文 the text as sent by mail (the robots get the same lines as markdown)';
