-- Idempotency keys of incident reports: a client that retries a POST with the same key gets the
-- incident of its first attempt instead of a second one. The row is written in the same
-- transaction as the incident, and the primary key decides between two concurrent first attempts.
-- The column is idempotency_key, not "key": KEY is a reserved word in H2.
create table idempotency_key (
    user_id         varchar(64)  not null,
    idempotency_key varchar(100) not null,
    -- SHA-256 (hex) of the request body in canonical form: the same key with another body is refused
    request_hash    varchar(64)  not null,
    incident_number varchar(16)  not null references incident (number),
    created_at      timestamp with time zone not null,
    constraint pk_idempotency_key primary key (user_id, idempotency_key)
);
