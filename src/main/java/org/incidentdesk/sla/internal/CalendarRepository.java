package org.incidentdesk.sla.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.sla.BusinessCalendar;
import org.incidentdesk.sla.CalendarChange;
import org.incidentdesk.sla.StoredCalendar;
import org.incidentdesk.sla.WorkingSpan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The business calendars in the database: one row per tenant with its time zone, working
 * hours (JSON) and version, its holidays, and the audit of every change. Timestamps come
 * from the database's clock, so every node stamps changes with one clock.
 */
@Repository
public class CalendarRepository {

	private static final TypeReference<Map<String, List<String>>> HOURS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final ObjectMapper json;

	public CalendarRepository(JdbcClient jdbc, JdbcTemplate batch, ObjectMapper json) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
	}

	/** The stored version of the tenant's calendar; empty when it has none. */
	public Optional<Integer> version(String tenantId) {
		return this.jdbc.sql("select version from business_calendar where tenant_id = :tenantId")
			.param("tenantId", tenantId)
			.query(Integer.class)
			.optional();
	}

	/**
	 * The tenant's calendar with its holidays, read in one statement so that the two
	 * belong to one version even while another node changes them.
	 */
	public Optional<StoredCalendar> find(String tenantId) {
		List<Row> rows = this.jdbc.sql("""
				select c.time_zone, c.working_hours, c.version, h.holiday, h.name
				from business_calendar c
				left join business_calendar_holiday h on h.tenant_id = c.tenant_id
				where c.tenant_id = :tenantId
				order by h.holiday
				""").param("tenantId", tenantId).query(CalendarRepository::row).list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Row first = rows.get(0);
		SortedMap<LocalDate, String> holidays = new TreeMap<>();
		rows.stream().filter(row -> row.holiday() != null).forEach(row -> holidays.put(row.holiday(), row.name()));
		BusinessCalendar calendar = new BusinessCalendar(BusinessCalendar.timeZone(first.timeZone()),
				workingHours(first.workingHours()), holidays);
		return Optional.of(new StoredCalendar(tenantId, calendar, first.version()));
	}

	/** Stores a tenant's first calendar, version 1. */
	public void insert(String tenantId, BusinessCalendar calendar, String actor) {
		this.jdbc.sql("""
				insert into business_calendar (tenant_id, time_zone, working_hours, version, updated_at, updated_by)
				values (:tenantId, :zone, :hours, 1, current_timestamp, :actor)
				""")
			.param("tenantId", tenantId)
			.param("zone", calendar.zone().getId())
			.param("hours", workingHoursJson(calendar))
			.param("actor", actor)
			.update();
		insertHolidays(tenantId, calendar);
	}

	/**
	 * Replaces the tenant's calendar if it is still at {@code version}, raising the
	 * version by one.
	 * @return whether it was still at that version (else nothing changed)
	 */
	public boolean update(String tenantId, int version, BusinessCalendar calendar, String actor) {
		int updated = this.jdbc.sql("""
				update business_calendar
				set time_zone = :zone, working_hours = :hours, version = version + 1,
				    updated_at = current_timestamp, updated_by = :actor
				where tenant_id = :tenantId and version = :version
				""")
			.param("zone", calendar.zone().getId())
			.param("hours", workingHoursJson(calendar))
			.param("actor", actor)
			.param("tenantId", tenantId)
			.param("version", version)
			.update();
		if (updated == 0) {
			return false;
		}
		this.jdbc.sql("delete from business_calendar_holiday where tenant_id = :tenantId")
			.param("tenantId", tenantId)
			.update();
		insertHolidays(tenantId, calendar);
		return true;
	}

	/** Appends a change to the audit. */
	public void appendChange(String tenantId, int version, CalendarChange.Kind kind, String actor, String oldValue,
			String newValue) {
		this.jdbc.sql("""
				insert into business_calendar_change
				    (tenant_id, version, kind, changed_at, changed_by, old_value, new_value)
				values (:tenantId, :version, :kind, current_timestamp, :actor, :oldValue, :newValue)
				""")
			.param("tenantId", tenantId)
			.param("version", version)
			.param("kind", kind.name())
			.param("actor", actor)
			.param("oldValue", oldValue)
			.param("newValue", newValue)
			.update();
	}

	/** The tenant's changes, newest first, one page. */
	public List<CalendarChange> changes(String tenantId, int page, int size) {
		return this.jdbc.sql("""
				select tenant_id, version, kind, changed_at, changed_by, old_value, new_value
				from business_calendar_change
				where tenant_id = :tenantId
				order by version desc
				offset :offset rows fetch next :size rows only
				""")
			.param("tenantId", tenantId)
			.param("offset", (long) page * size)
			.param("size", size)
			.query((rs, n) -> new CalendarChange(rs.getString("tenant_id"), rs.getInt("version"),
					CalendarChange.Kind.valueOf(rs.getString("kind")), rs.getObject("changed_at", OffsetDateTime.class),
					rs.getString("changed_by"), rs.getString("old_value"), rs.getString("new_value")))
			.list();
	}

	private void insertHolidays(String tenantId, BusinessCalendar calendar) {
		List<Object[]> rows = new ArrayList<>();
		calendar.holidays().forEach((date, name) -> rows.add(new Object[] { tenantId, date, name }));
		if (!rows.isEmpty()) {
			this.batch.batchUpdate("insert into business_calendar_holiday (tenant_id, holiday, name) values (?, ?, ?)",
					rows);
		}
	}

	private String workingHoursJson(BusinessCalendar calendar) {
		try {
			return this.json.writeValueAsString(CalendarDocument.of(calendar, 0).workingHours());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Working hours cannot be written as JSON", ex);
		}
	}

	private Map<DayOfWeek, List<WorkingSpan>> workingHours(String text) {
		try {
			return CalendarDocument.workingHours(this.json.readValue(text, HOURS));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("The stored working hours are no JSON: " + text, ex);
		}
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getString("time_zone"), rs.getString("working_hours"), rs.getInt("version"),
				rs.getObject("holiday", LocalDate.class), rs.getString("name"));
	}

	private record Row(String timeZone, String workingHours, int version, LocalDate holiday, String name) {
	}

}
