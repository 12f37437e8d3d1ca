-- Tamper evidence against somebody who can write the database (see ActivityHash):
-- * every timeline row records how its hash was computed: UNKEYED_SHA256 (plain SHA-256, as all
--   rows before this migration) or HMAC_SHA256 (with the secret chain key from the environment);
-- * one seal per incident covers how many entries its timeline has and which is the newest, so
--   removing the newest rows is found too; the seal is keyed like the rows;
-- * the id of the last row written before this migration: rows after it must be keyed when the
--   application has a key, so a row rewritten as plain SHA-256 is found.
-- The SQL runs unchanged on H2 2.x and PostgreSQL.

alter table incident_activity add column hash_scheme varchar(16);

update incident_activity set hash_scheme = 'UNKEYED_SHA256' where hash is not null;

create table incident_activity_seal (
    incident_id      bigint      not null primary key references incident (id),
    entries          bigint      not null,
    last_activity_id bigint      not null,
    last_hash        varchar(64) not null,
    scheme           varchar(16) not null,
    seal             varchar(64) not null
);

create table audit_chain_legacy (
    last_legacy_activity_id bigint not null
);

insert into audit_chain_legacy (last_legacy_activity_id) select coalesce(max(id), 0) from incident_activity;
