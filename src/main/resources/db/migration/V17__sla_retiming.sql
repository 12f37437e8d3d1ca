-- The re-timing of running incidents' SLA dates (docs/sla.md, "Re-timing running incidents"):
-- one row that says whether a re-timing runs, so that a second one is refused (409) on every node
-- of a cluster. A run takes the row with one conditional update (status IDLE to RUNNING, or a
-- RUNNING row whose heartbeat is older than the takeover period: a node that died mid-run), beats
-- after each chunk and gives it back (IDLE, with its counts) when it ends.
-- The SQL runs unchanged on H2 2.x and PostgreSQL.
create table sla_retiming (
    id           varchar(16)  not null primary key,
    status       varchar(16)  not null,
    run_id       varchar(64),
    tenant_id    varchar(64),
    started_by   varchar(64),
    started_at   timestamp with time zone,
    heartbeat_at timestamp with time zone,
    finished_at  timestamp with time zone,
    moved        integer,
    unchanged    integer,
    failed       integer,
    constraint ck_sla_retiming_id check (id = 'run'),
    constraint ck_sla_retiming_status check (status in ('IDLE', 'RUNNING'))
);

insert into sla_retiming (id, status) values ('run', 'IDLE');
