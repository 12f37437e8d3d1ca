-- Delivery of the notification outbox by mail.
-- next_attempt_at: a row is due when it is null or has passed. A sender claims a row by moving it
-- into the future (a lease), so two nodes never send the same row, and a node that dies while
-- sending gives the row back when the lease runs out. After a failure it holds the back-off.
alter table notification add column next_attempt_at timestamp with time zone;
-- What delivery did, when there is something to say: "no address", or the members a group
-- notification was split into.
alter table notification add column delivery_note varchar(300);

create index ix_notification_due on notification (status, next_attempt_at);
