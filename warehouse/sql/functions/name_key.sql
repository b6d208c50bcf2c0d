-- How names are compared wherever two files may write one project, lead or investor differently: bracket
-- styles, spaces, full-width digits and letters and a trailing 项目 do not make two names different; for an
-- investor, neither does the company form (有限公司...). One definition, so every mart counts alike.
CREATE OR REPLACE MACRO core.name_key(written) AS
    regexp_replace(
        regexp_replace(
            lower(translate(written, '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ',
                                     '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')),
            '[\s()（）\[\]【】<>《》"“”''‘’·・、，,.。:：;；\-—_/]', '', 'g'),
        '项目$', '');
