package org.incidentdesk.incident;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.incidentdesk.system.RefusedRequestException;

/**
 * The columns an incident list can be sorted by. The SQL of each is fixed here, so a sort
 * request only ever selects one of these fragments and never reaches the SQL itself.
 */
enum IncidentSort {

	CREATED_AT("createdAt", "created_at", false),

	UPDATED_AT("updatedAt", "updated_at", false),

	PRIORITY("priority", "priority", true),

	/** In the order of an incident's life, not alphabetically. */
	STATE("state",
			"case state when 'NEW' then 0 when 'IN_PROGRESS' then 1 when 'ON_HOLD' then 2"
					+ " when 'RESOLVED' then 3 when 'CLOSED' then 4 else 5 end",
			false),

	NUMBER("number", "number", false),

	RESOLUTION_DUE_AT("resolutionDueAt", "resolution_due_at", true);

	static final List<Order> DEFAULT = List.of(new Order(CREATED_AT, true));

	private final String field;

	private final String sql;

	private final boolean nullable;

	IncidentSort(String field, String sql, boolean nullable) {
		this.field = field;
		this.sql = sql;
		this.nullable = nullable;
	}

	/**
	 * The column expression; nulls come last either way, the same on H2 and PostgreSQL.
	 * Columns without nulls say nothing about them, so the database can read them in the
	 * order of their index (V12) instead of sorting every matching row.
	 */
	String sql(boolean descending) {
		return this.sql + (descending ? " desc" : " asc") + (this.nullable ? " nulls last" : "");
	}

	static String allowed() {
		return String.join(", ", Arrays.stream(values()).map(sort -> sort.field).toList());
	}

	/**
	 * Reads {@code sort=createdAt,desc} style parameters. Spring splits a single
	 * parameter at its commas and leaves repeated ones whole, so both shapes are
	 * flattened into tokens first: a field, optionally followed by {@code asc} or
	 * {@code desc}.
	 */
	static List<Order> parse(List<String> parameters) {
		if (parameters == null || parameters.isEmpty()) {
			return DEFAULT;
		}
		List<String> tokens = parameters.stream()
			.flatMap(parameter -> Arrays.stream(parameter.split(",")))
			.map(String::trim)
			.filter(token -> !token.isEmpty())
			.toList();
		List<Order> orders = new ArrayList<>();
		for (int i = 0; i < tokens.size(); i++) {
			IncidentSort sort = byField(tokens.get(i));
			boolean descending = false;
			if (i + 1 < tokens.size() && isDirection(tokens.get(i + 1))) {
				descending = tokens.get(++i).equalsIgnoreCase("desc");
			}
			if (orders.stream().anyMatch(order -> order.sort() == sort)) {
				throw invalid("Sort by '" + sort.field + "' only once.");
			}
			orders.add(new Order(sort, descending));
		}
		return orders.isEmpty() ? DEFAULT : List.copyOf(orders);
	}

	private static IncidentSort byField(String token) {
		return Arrays.stream(values())
			.filter(sort -> sort.field.equals(token))
			.findFirst()
			.orElseThrow(() -> invalid("Cannot sort by '" + token + "'. Sort by one of " + allowed()
					+ ", optionally followed by ',asc' or ',desc', for example sort=createdAt,desc."));
	}

	private static boolean isDirection(String token) {
		String lower = token.toLowerCase(Locale.ROOT);
		return lower.equals("asc") || lower.equals("desc");
	}

	private static RefusedRequestException invalid(String detail) {
		return RefusedRequestException.invalid("Invalid sort", detail)
			.with("allowedSortFields", Arrays.stream(values()).map(sort -> sort.field).toList());
	}

	/** One sort key. */
	record Order(IncidentSort sort, boolean descending) {

		String sql() {
			return this.sort.sql(this.descending);
		}

	}

}
