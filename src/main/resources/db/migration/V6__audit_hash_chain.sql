-- Tamper evidence for the timeline: every row carries the SHA-256 of its own content and of the
-- row before it (of the same incident), so changing or removing a row breaks the chain.
-- Rows written before this migration keep null hashes: they are not back-filled (SQL has no hash
-- function common to H2 and PostgreSQL), and the first hashed row of an incident starts a new chain.
-- The SQL runs unchanged on H2 2.x and PostgreSQL.

alter table incident_activity add column hash varchar(64);

alter table incident_activity add column previous_hash varchar(64);
