-- Values read as latin-1 with their decoded text, in the order of the ENUM built on them: casting a value to the
-- ENUM finds its position in one hash lookup, and the position its text. The values whose bytes are not the
-- file's encoding come last (their text shows U+FFFD for those bytes), so a position tells them apart.
-- Parameters: $raw, $text (lists of one length).
CREATE OR REPLACE TEMP TABLE customs_platform_texts AS
SELECT unnest($raw::VARCHAR[]) AS raw, unnest($text::VARCHAR[]) AS text,
       unnest(range(len($raw::VARCHAR[]))) AS position;
