-- HTTP sessions in the database (Spring Session JDBC), so that every node serves every signed-in
-- user: the portal's sign-in and CSRF token, and the Camunda webapps' sign-in and CSRF token,
-- live here instead of in one node's memory. Spring Session's own schema
-- (org/springframework/session/jdbc/schema-postgresql.sql of spring-session-jdbc 3.5), with
-- spring.session.jdbc.initialize-schema: never. The SQL runs unchanged on H2 2.x and PostgreSQL
-- (both know bytea). Times are milliseconds since the epoch, as Spring Session writes them.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
-- The cleanup (every minute, on every node) deletes by expiry_time.
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

-- Each attribute serialized with Java serialization; a session's attributes go with it.
create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
