-- The words of each incident's number, summary and description, so a text search reads an
-- index instead of every incident: `lower(summary) like '%printer%'` served by no index and took
-- seconds at a million incidents on PostgreSQL and timed out on H2 (issue 10). The application
-- writes the words with the incident (IncidentTerms splits them); a search looks up each word of
-- `q` as the start of a word here.
--
-- The primary key answers "does this incident have a word starting with ..." for a list read
-- newest first; ix_incident_term_term answers "which incidents have a word starting with ..."
-- for a rare word. The SQL runs unchanged on H2 2.x and PostgreSQL.
create table incident_term (
    incident_id bigint      not null references incident (id),
    term        varchar(64) not null,
    primary key (incident_id, term)
);

-- The words of the incidents reported before this migration, split as IncidentTerms splits
-- them: lower case, separated by whitespace, ASCII punctuation and the typographic quotes,
-- dashes and no-break space of IncidentTerms.SEPARATORS (the two lists must change together),
-- cut to 64 characters. One word is peeled off per step of the recursion.
insert into incident_term (incident_id, term)
with recursive words (incident_id, rest, word) as (
    select id,
        cast(trim(translate(lower(number || ' ' || summary || ' ' || coalesce(description, '')),
            chr(9) || chr(10) || chr(13) || '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~' || chr(160) || chr(8216)
                || chr(8217) || chr(8220) || chr(8221) || chr(8211) || chr(8212) || chr(8230) || chr(171)
                || chr(187),
            repeat(' ', 45))) || ' ' as varchar(8000)),
        cast('' as varchar(8000))
    from incident
    union all
    select incident_id, cast(ltrim(substring(rest from position(' ' in rest) + 1)) as varchar(8000)),
        cast(substring(rest from 1 for position(' ' in rest) - 1) as varchar(8000))
    from words
    where rest <> ''
)
select distinct incident_id, substring(word from 1 for 64) from words where word <> '';

-- An incident number is found by its digits too, with and without the leading zeros
-- (INC0001234: 0001234 and 1234). Every number so far is INC and seven or more digits.
insert into incident_term (incident_id, term)
select id, substring(number from 4) from incident
where number like 'INC%'
  and not exists (select 1 from incident_term t where t.incident_id = incident.id and t.term = substring(number from 4));

insert into incident_term (incident_id, term)
select id, cast(cast(substring(number from 4) as bigint) as varchar(64)) from incident
where number like 'INC0%' and cast(substring(number from 4) as bigint) > 0
  and not exists (select 1 from incident_term t where t.incident_id = incident.id
      and t.term = cast(cast(substring(number from 4) as bigint) as varchar(64)));

create index ix_incident_term_term on incident_term (term, incident_id);
