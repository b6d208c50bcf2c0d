-- The ENUM over step 3's values (it lives for the load's transaction only; the loader drops it before committing).
CREATE TYPE customs_platform_text AS ENUM (SELECT raw FROM customs_platform_texts ORDER BY position);
