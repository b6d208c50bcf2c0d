-- Layers: raw (as loaded, with lineage), core (conformed), marts (for people), audit (loads, quarantine).
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS marts;
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SEQUENCE IF NOT EXISTS audit.load_ids START 1;
-- Which files of warehouse/sql/migrations have changed this build file; a new build file starts with all of them.
CREATE TABLE IF NOT EXISTS audit.migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL);
