package org.incidentdesk.cmdb;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.incidentdesk.system.EngineClock;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The configuration management database: every customer organisation's configuration items. */
@Service
@Transactional
public class Cmdb {

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
			throw new IllegalArgumentException("The parent item " + item.parentId() + " does not exist in tenant "
					+ item.tenantId() + ".");
		}
		OffsetDateTime now = this.clock.nowUtc();
		this.jdbc.sql("""
				insert into configuration_item (tenant_id, name, type, location, remotely_serviceable, parent_id,
				    created_at, updated_at)
				values (:tenant, :name, :type, :location, :remote, :parent, :now, :now)
				""")
			.param("tenant", item.tenantId())
			.param("name", item.name())
			.param("type", item.type().name())
			.param("location", item.location())
			.param("remote", item.remotelyServiceable())
			.param("parent", item.parentId())
			.param("now", now)
			.update();
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
		return this.jdbc.sql("select * from configuration_item where tenant_id = :tenant and lower(name) = lower(:name)")
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

}
