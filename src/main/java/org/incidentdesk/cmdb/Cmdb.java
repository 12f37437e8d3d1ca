package org.incidentdesk.cmdb;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.incidentdesk.system.EngineClock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The configuration management database: every customer organisation's configuration
 * items.
 * <p>
 * Names are unique within a tenant ignoring case, because incidents find their item by
 * name that way; the database constraint alone only compares exactly.
 */
@Service
@Transactional
public class Cmdb {

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_LOCATION_LENGTH = 200;

	private static final RowMapper<ConfigurationItem> ITEM = (rs, row) -> new ConfigurationItem(rs.getLong("id"),
			rs.getString("tenant_id"), rs.getString("name"), CiType.valueOf(rs.getString("type")),
			rs.getString("location"), rs.getBoolean("remotely_serviceable"), rs.getObject("parent_id", Long.class),
			rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));

	private final JdbcClient jdbc;

	private final EngineClock clock;

	Cmdb(JdbcClient jdbc, EngineClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public ConfigurationItem register(NewConfigurationItem item) {
		if (item.parentId() != null && find(item.tenantId(), item.parentId()).isEmpty()) {
			throw new IllegalArgumentException(
					"The parent item " + item.parentId() + " does not exist in tenant " + item.tenantId() + ".");
		}
		insertRow(item.tenantId(), item.name(), item.type(), item.location(), item.remotelyServiceable(),
				item.parentId(), this.clock.nowUtc());
		return findByName(item.tenantId(), item.name()).orElseThrow();
	}

	@Transactional(readOnly = true)
	public Optional<ConfigurationItem> find(String tenantId, long id) {
		return this.jdbc.sql("select * from configuration_item where tenant_id = :tenant and id = :id")
			.param("tenant", tenantId)
			.param("id", id)
			.query(ITEM)
			.optional();
	}

	@Transactional(readOnly = true)
	public Optional<ConfigurationItem> findByName(String tenantId, String name) {
		return this.jdbc
			.sql("select * from configuration_item where tenant_id = :tenant and lower(name) = lower(:name)")
			.param("tenant", tenantId)
			.param("name", name)
			.query(ITEM)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<ConfigurationItem> list(String tenantId) {
		return this.jdbc.sql("select * from configuration_item where tenant_id = :tenant order by name")
			.param("tenant", tenantId)
			.query(ITEM)
			.list();
	}

	/**
	 * Looks an item up by id alone; the caller must check that the user may see its
	 * tenant.
	 */
	@Transactional(readOnly = true)
	public Optional<ConfigurationItem> find(long id) {
		return this.jdbc.sql("select * from configuration_item where id = :id").param("id", id).query(ITEM).optional();
	}

	/** The ids of the items whose parent is the given one, in id order. */
	@Transactional(readOnly = true)
	public List<Long> childrenOf(String tenantId, long id) {
		return this.jdbc
			.sql("select id from configuration_item where tenant_id = :tenant and parent_id = :id order by id")
			.param("tenant", tenantId)
			.param("id", id)
			.query(Long.class)
			.list();
	}

	/**
	 * The tenant's items sorted by name, optionally only those of one type and those
	 * whose name contains some text, ignoring case.
	 */
	@Transactional(readOnly = true)
	public List<ConfigurationItem> listFiltered(String tenantId, CiType type, String nameContains) {
		StringBuilder sql = new StringBuilder("select * from configuration_item where tenant_id = :tenant");
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", tenantId);
		if (type != null) {
			sql.append(" and type = :type");
			params.put("type", type.name());
		}
		if (nameContains != null && !nameContains.isBlank()) {
			sql.append(" and lower(name) like :pattern escape '\\'");
			params.put("pattern", "%" + escapeLike(nameContains.trim().toLowerCase(Locale.ROOT)) + "%");
		}
		sql.append(" order by name");
		return this.jdbc.sql(sql.toString()).params(params).query(ITEM).list();
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * Registers an item after checking what a person can correct: the name is free in the
	 * tenant and the parent is an item of the same tenant. Unlike {@link #register},
	 * which code that knows its data uses, every refusal is a problem detail.
	 * @throws DuplicateConfigurationItemException when the tenant has an item of that
	 * name
	 * @throws InvalidConfigurationItemException when the parent is not an item of the
	 * tenant
	 */
	public ConfigurationItem create(NewConfigurationItem item) {
		Optional<ConfigurationItem> existing = findByName(item.tenantId(), item.name());
		if (existing.isPresent()) {
			throw new DuplicateConfigurationItemException(item.tenantId(), item.name(), existing.get().id());
		}
		if (item.parentId() != null && find(item.tenantId(), item.parentId()).isEmpty()) {
			throw new InvalidConfigurationItemException(
					"parentId " + item.parentId() + " is not a configuration item of tenant " + item.tenantId());
		}
		try {
			return register(item);
		}
		catch (DuplicateKeyException ex) {
			// Somebody registered the same name at the same moment.
			ConfigurationItem winner = findByName(item.tenantId(), item.name()).orElseThrow(() -> ex);
			throw new DuplicateConfigurationItemException(item.tenantId(), item.name(), winner.id());
		}
	}

	/**
	 * Changes an item's type, location, remote serviceability and parent.
	 * @throws UnknownConfigurationItemException when the tenant has no item with that id
	 * @throws InvalidConfigurationItemException when the parent is not an item of the
	 * tenant or would make the item its own ancestor
	 */
	public ConfigurationItem update(String tenantId, long id, ConfigurationItemChange change) {
		ConfigurationItem item = find(tenantId, id).orElseThrow(() -> new UnknownConfigurationItemException(id));
		if (change.parentId() != null) {
			ConfigurationItem parent = find(tenantId, change.parentId())
				.orElseThrow(() -> new InvalidConfigurationItemException(
						"parentId " + change.parentId() + " is not a configuration item of tenant " + tenantId));
			List<ConfigurationItem> ancestry = ancestry(parent);
			int self = ancestry.stream().map(ConfigurationItem::id).toList().indexOf(id);
			if (self >= 0) {
				List<String> cycle = new ArrayList<>(List.of(item.name()));
				ancestry.subList(0, self + 1).forEach((ancestor) -> cycle.add(ancestor.name()));
				throw new InvalidConfigurationItemException(
						"parent '" + parent.name() + "' would make a cycle: " + String.join(" -> ", cycle));
			}
		}
		updateRow(id, change.type(), change.location(), change.remotelyServiceable(), change.parentId(),
				this.clock.nowUtc());
		return find(tenantId, id).orElseThrow();
	}

	/** The item and its ancestors up to the root. Stops at a cycle already stored. */
	private List<ConfigurationItem> ancestry(ConfigurationItem item) {
		List<ConfigurationItem> chain = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		ConfigurationItem current = item;
		while (current != null && seen.add(current.id())) {
			chain.add(current);
			current = (current.parentId() != null) ? find(current.tenantId(), current.parentId()).orElse(null) : null;
		}
		return chain;
	}

	/**
	 * Checks a bulk import against itself and the tenant's items, without writing
	 * anything.
	 * @return one message per mistake, as "line N: message", in line order; empty when
	 * the rows can be imported
	 */
	@Transactional(readOnly = true)
	public List<String> checkImport(String tenantId, List<ImportRow> rows) {
		return plan(tenantId, rows).errors();
	}

	/**
	 * Imports items all or nothing: names the tenant has are updated, the others created,
	 * and parents named by their names are linked once every row is known, so the order
	 * of the rows does not matter. A row says everything about its item: a blank location
	 * or parent clears it.
	 * @throws RejectedImportException listing every bad line, when any line is bad; then
	 * nothing is written
	 */
	public ImportResult upsertAll(String tenantId, List<ImportRow> rows) {
		ImportPlan plan = plan(tenantId, rows);
		if (!plan.errors().isEmpty()) {
			throw new RejectedImportException(plan.errors());
		}
		OffsetDateTime now = this.clock.nowUtc();
		int created = 0;
		for (PlannedItem item : plan.items()) {
			if (item.existing() == null) {
				// Parents are linked below, once every item of the file has an id.
				insertRow(tenantId, item.name(), item.type(), item.location(), item.remotelyServiceable(), null, now);
				created++;
			}
		}
		Map<String, Long> ids = new HashMap<>();
		for (ConfigurationItem stored : list(tenantId)) {
			ids.putIfAbsent(key(stored.name()), stored.id());
		}
		int updated = 0;
		for (PlannedItem item : plan.items()) {
			Long parentId = (item.parentKey() != null) ? ids.get(item.parentKey()) : null;
			ConfigurationItem existing = item.existing();
			if (existing == null && parentId == null) {
				continue;
			}
			if (existing != null && existing.type() == item.type()
					&& Objects.equals(existing.location(), item.location())
					&& existing.remotelyServiceable() == item.remotelyServiceable()
					&& Objects.equals(existing.parentId(), parentId)) {
				continue;
			}
			updateRow((existing != null) ? existing.id() : ids.get(key(item.name())), item.type(), item.location(),
					item.remotelyServiceable(), parentId, now);
			if (existing != null) {
				updated++;
			}
		}
		int unchanged = (int) plan.items().stream().filter((item) -> item.existing() != null).count() - updated;
		return new ImportResult(created, updated, unchanged);
	}

	private ImportPlan plan(String tenantId, List<ImportRow> rows) {
		Map<Integer, List<String>> errors = new LinkedHashMap<>();
		Map<String, ConfigurationItem> stored = new HashMap<>();
		Map<Long, ConfigurationItem> storedById = new HashMap<>();
		for (ConfigurationItem item : list(tenantId)) {
			storedById.put(item.id(), item);
			// An exact match wins over one that differs only in case.
			stored.merge(key(item.name()), item, (a, b) -> a.name().equals(b.name()) ? a : b);
		}
		Map<String, ImportRow> firstRowByName = new HashMap<>();
		List<PlannedItem> items = new ArrayList<>();
		for (ImportRow row : rows) {
			List<String> rowErrors = errors.computeIfAbsent(row.line(), (line) -> new ArrayList<>());
			String name = trimToNull(row.name());
			if (name == null) {
				rowErrors.add("name is missing");
			}
			else if (name.length() > MAX_NAME_LENGTH) {
				rowErrors.add("name is longer than " + MAX_NAME_LENGTH + " characters");
			}
			else {
				ImportRow first = firstRowByName.putIfAbsent(key(name), row);
				if (first != null) {
					rowErrors.add("name '" + name + "' appears again (first on line " + first.line() + ")");
				}
			}
			CiType type = null;
			String typeText = trimToNull(row.type());
			if (typeText == null) {
				rowErrors.add("type is missing");
			}
			else {
				type = Arrays.stream(CiType.values())
					.filter((candidate) -> candidate.name().equalsIgnoreCase(typeText))
					.findFirst()
					.orElse(null);
				if (type == null) {
					rowErrors.add("type '" + typeText + "' is not one of " + Arrays.toString(CiType.values()));
				}
			}
			String location = trimToNull(row.location());
			if (location != null && location.length() > MAX_LOCATION_LENGTH) {
				rowErrors.add("location is longer than " + MAX_LOCATION_LENGTH + " characters");
			}
			String remoteText = Objects.requireNonNullElse(trimToNull(row.remotelyServiceable()), "");
			Boolean remote = remoteText.equalsIgnoreCase("true") ? Boolean.TRUE
					: remoteText.equalsIgnoreCase("false") ? Boolean.FALSE : null;
			if (remote == null) {
				rowErrors.add("remotely_serviceable must be true or false, not '" + remoteText + "'");
			}
			if (rowErrors.isEmpty()) {
				String parent = trimToNull(row.parent());
				items.add(new PlannedItem(row.line(), name, type, location, remote, parent,
						(parent != null) ? key(parent) : null, stored.get(key(name))));
			}
		}
		// Parents and cycles are judged on the CMDB as it would be after the import.
		Map<String, String> parentOf = new HashMap<>();
		Map<String, String> displayName = new HashMap<>();
		for (ConfigurationItem item : stored.values()) {
			ConfigurationItem parent = (item.parentId() != null) ? storedById.get(item.parentId()) : null;
			parentOf.put(key(item.name()), (parent != null) ? key(parent.name()) : null);
			displayName.put(key(item.name()), item.name());
		}
		for (ImportRow row : firstRowByName.values()) {
			String parent = trimToNull(row.parent());
			parentOf.put(key(row.name().trim()), (parent != null) ? key(parent) : null);
			displayName.put(key(row.name().trim()), row.name().trim());
		}
		for (PlannedItem item : items) {
			if (item.parentKey() == null) {
				continue;
			}
			if (!parentOf.containsKey(item.parentKey())) {
				errors.get(item.line())
					.add("parent '" + item.parentName() + "' is neither in the file nor in the CMDB of tenant "
							+ tenantId);
				continue;
			}
			List<String> path = new ArrayList<>(List.of(item.name()));
			Set<String> seen = new HashSet<>(Set.of(key(item.name())));
			String current = item.parentKey();
			while (current != null && seen.add(current)) {
				path.add(displayName.getOrDefault(current, current));
				current = parentOf.get(current);
			}
			if (key(item.name()).equals(current)) {
				path.add(item.name());
				errors.get(item.line())
					.add("parent '" + item.parentName() + "' would make a cycle: " + String.join(" -> ", path));
			}
		}
		List<String> messages = errors.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.flatMap((entry) -> entry.getValue().stream().map((message) -> "line " + entry.getKey() + ": " + message))
			.toList();
		return new ImportPlan(items, messages);
	}

	private void insertRow(String tenantId, String name, CiType type, String location, boolean remote, Long parentId,
			OffsetDateTime now) {
		this.jdbc.sql("""
				insert into configuration_item (tenant_id, name, type, location, remotely_serviceable, parent_id,
				    created_at, updated_at)
				values (:tenant, :name, :type, :location, :remote, :parent, :now, :now)
				""")
			.param("tenant", tenantId)
			.param("name", name)
			.param("type", type.name())
			.param("location", location)
			.param("remote", remote)
			.param("parent", parentId)
			.param("now", now)
			.update();
	}

	private void updateRow(long id, CiType type, String location, boolean remote, Long parentId, OffsetDateTime now) {
		this.jdbc.sql("""
				update configuration_item
				set type = :type, location = :location, remotely_serviceable = :remote, parent_id = :parent,
				    updated_at = :now
				where id = :id
				""")
			.param("type", type.name())
			.param("location", location)
			.param("remote", remote)
			.param("parent", parentId)
			.param("now", now)
			.param("id", id)
			.update();
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static String trimToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.trim();
	}

	private record ImportPlan(List<PlannedItem> items, List<String> errors) {
	}

	/**
	 * A valid import row; {@code existing} is the stored item of the same name, if any.
	 */
	private record PlannedItem(int line, String name, CiType type, String location, boolean remotelyServiceable,
			String parentName, String parentKey, ConfigurationItem existing) {
	}

}
