-- The SLA clock of an incident (issue 13): whether its targets count business hours (the
-- SlaTargets clock it was classified with), and its pauses. While the incident is on hold for a
-- reason that pauses the clock, sla_paused_at holds when the pause began; on resume the paused
-- time (in the incident's clock) is added to sla_paused_seconds and the due dates move by it.
-- The SQL runs unchanged on H2 2.x and PostgreSQL.
alter table incident add column sla_business_hours boolean default false not null;
alter table incident add column sla_paused_at timestamp with time zone;
alter table incident add column sla_paused_seconds bigint default 0 not null;
