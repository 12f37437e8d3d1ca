package org.incidentdesk.slapolicy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SLA settings in the database: one row for the global settings and one per tenant
 * with an override, each with its version, and the audit of every change. Timestamps come
 * from the database's clock, so every node stamps changes with one clock.
 */
@Repository
class SlaSettingsRepository {

	/** The scope of the global settings, which no tenant id can be. */
	static final String GLOBAL = "*";

	private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	SlaSettingsRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The stored versions of these scopes; a scope without a row is left out. */
	Map<String, Integer> versions(Collection<String> scopes) {
		return this.jdbc.sql("select scope, version from sla_settings where scope in (:scopes)")
			.param("scopes", scopes)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	Optional<StoredSlaSettings> find(String scope) {
		return this.jdbc.sql("""
				select scope, auto_close_after, caller_reply_timeout, pausing_reasons, version, updated_at, updated_by
				from sla_settings where scope = :scope""").param("scope", scope).query(this::stored).optional();
	}

	/** The tenants' overrides that set anything, by tenant id. */
	List<StoredSlaSettings> overrides() {
		return this.jdbc.sql("""
				select scope, auto_close_after, caller_reply_timeout, pausing_reasons, version, updated_at, updated_by
				from sla_settings
				where scope <> :global
				  and (auto_close_after is not null or caller_reply_timeout is not null or pausing_reasons is not null)
				order by scope""").param("global", GLOBAL).query(this::stored).list();
	}

	/** Stores a scope's first settings, version 1. */
	void insert(String scope, SlaValues values, String actor) {
		this.jdbc.sql("""
				insert into sla_settings
				    (scope, auto_close_after, caller_reply_timeout, pausing_reasons, version, updated_at, updated_by)
				values (:scope, :autoClose, :callerReply, :pausing, 1, current_timestamp, :actor)""")
			.param("scope", scope)
			.param("autoClose", text(values.autoCloseAfter()))
			.param("callerReply", text(values.callerReplyTimeout()))
			.param("pausing", names(values))
			.param("actor", actor)
			.update();
	}

	/**
	 * Replaces a scope's settings if they are still at {@code version}, raising the
	 * version by one.
	 * @return whether they were still at that version (else nothing changed)
	 */
	boolean update(String scope, int version, SlaValues values, String actor) {
		return this.jdbc.sql("""
				update sla_settings
				set auto_close_after = :autoClose, caller_reply_timeout = :callerReply, pausing_reasons = :pausing,
				    version = version + 1, updated_at = current_timestamp, updated_by = :actor
				where scope = :scope and version = :version""")
			.param("autoClose", text(values.autoCloseAfter()))
			.param("callerReply", text(values.callerReplyTimeout()))
			.param("pausing", names(values))
			.param("actor", actor)
			.param("scope", scope)
			.param("version", version)
			.update() == 1;
	}

	void appendChange(String scope, int version, SlaSettingsChange.Kind kind, String actor, String oldValue,
			String newValue) {
		this.jdbc.sql("""
				insert into sla_settings_change (scope, version, kind, changed_at, changed_by, old_value, new_value)
				values (:scope, :version, :kind, current_timestamp, :actor, :oldValue, :newValue)""")
			.param("scope", scope)
			.param("version", version)
			.param("kind", kind.name())
			.param("actor", actor)
			.param("oldValue", oldValue)
			.param("newValue", newValue)
			.update();
	}

	/**
	 * One page of the changes of a scope, or of all scopes ({@code null}), newest first.
	 */
	List<SlaSettingsChange> changes(String scope, int page, int size) {
		String where = (scope != null) ? "where scope = :scope" : "";
		JdbcClient.StatementSpec statement = this.jdbc.sql("""
				select id, scope, version, kind, changed_at, changed_by, old_value, new_value
				from sla_settings_change %s
				order by id desc
				offset :offset rows fetch next :size rows only""".formatted(where))
			.param("offset", (long) page * size)
			.param("size", size);
		if (scope != null) {
			statement = statement.param("scope", scope);
		}
		return statement
			.query((rs, n) -> new SlaSettingsChange(rs.getLong("id"), tenantOf(rs.getString("scope")),
					rs.getInt("version"), SlaSettingsChange.Kind.valueOf(rs.getString("kind")),
					rs.getObject("changed_at", OffsetDateTime.class), rs.getString("changed_by"),
					rs.getString("old_value"), rs.getString("new_value")))
			.list();
	}

	private StoredSlaSettings stored(ResultSet rs, int rowNum) throws SQLException {
		SlaValues values = new SlaValues(duration(rs.getString("auto_close_after")),
				duration(rs.getString("caller_reply_timeout")), names(rs.getString("pausing_reasons")));
		return new StoredSlaSettings(tenantOf(rs.getString("scope")), values, rs.getInt("version"),
				rs.getObject("updated_at", OffsetDateTime.class), rs.getString("updated_by"));
	}

	private static String tenantOf(String scope) {
		return GLOBAL.equals(scope) ? null : scope;
	}

	private static String text(Duration duration) {
		return (duration != null) ? SlaDurations.format(duration) : null;
	}

	private static Duration duration(String text) {
		return (text != null) ? Duration.parse(text) : null;
	}

	private String names(SlaValues values) {
		if (values.pausingReasons() == null) {
			return null;
		}
		try {
			return this.json.writeValueAsString(List.copyOf(values.pausingReasons()));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Hold reasons cannot be written as JSON", ex);
		}
	}

	private LinkedHashSet<String> names(String text) {
		if (text == null) {
			return null;
		}
		try {
			return new LinkedHashSet<>(this.json.readValue(text, NAMES));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("The stored pausing reasons are no JSON array: " + text, ex);
		}
	}

}
