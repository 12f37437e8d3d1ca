-- Lists of incidents are read newest first (the default) or by their last change, a page at a
-- time. Without an index in that order the database sorted every matching incident for each
-- page: at a million incidents a list took seconds on PostgreSQL and timed out on H2 (issue 10).
-- With these, a page reads its rows in index order and stops. The id breaks ties, as the
-- list's ORDER BY does. The SQL runs unchanged on H2 2.x and PostgreSQL.
create index ix_incident_created on incident (created_at desc, id desc);
create index ix_incident_updated on incident (updated_at desc, id desc);
