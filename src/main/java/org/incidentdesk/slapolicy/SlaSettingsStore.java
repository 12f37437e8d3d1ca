package org.incidentdesk.slapolicy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.Tenancy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SLA settings: the global ones and the tenants' overrides, read (cached), changed
 * and audited. Every change raises the changed level's version by one and appends who
 * made it, when, and the settings before and after to the audit, in the same transaction.
 * A change may name the version it is based on; a stale one is refused, and so is a
 * change that another one overtook between reading and writing.
 * <p>
 * Reads are cached per level and checked against the stored versions on every read (one
 * query by primary key for the global row and the tenant's), so a change made on any node
 * counts for the next timer from its commit on, and a level is loaded again only after it
 * changed. A short-lived cache without the check would spare that query, but then another
 * node would go on timing with the old settings until it expired.
 */
@Service
public class SlaSettingsStore {

	/** The most changes one page of the audit lists. */
	public static final int MAX_PAGE_SIZE = 100;

	/** Who stored the settings of the first start. */
	static final String SYSTEM = "system";

	private final SlaSettingsRepository repository;

	private final SlaSettings initial;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	private final ConcurrentMap<String, StoredSlaSettings> cache = new ConcurrentHashMap<>();

	/** The key of the levels the current transaction changes. */
	private final Object changedScopes = new Object();

	SlaSettingsStore(SlaSettingsRepository repository, SlaSettings initial, Tenancy tenancy, ObjectMapper json) {
		this.repository = repository;
		this.initial = initial;
		this.tenancy = tenancy;
		this.json = json;
	}

	/**
	 * The settings that apply to the tenant's new timers: its override where it has one,
	 * else the global settings. Does not check that the tenant exists (an unknown tenant,
	 * or none, has the global settings).
	 */
	public SlaValues effective(String tenantId) {
		if (tenantId == null) {
			return global().values();
		}
		Map<String, StoredSlaSettings> levels = current(List.of(SlaSettingsRepository.GLOBAL, tenantId));
		SlaValues global = globalOf(levels);
		StoredSlaSettings override = levels.get(tenantId);
		return (override != null) ? override.values().over(global) : global;
	}

	/**
	 * The global settings; until the first start stored them, those of the properties.
	 */
	public StoredSlaSettings global() {
		StoredSlaSettings stored = current(List.of(SlaSettingsRepository.GLOBAL)).get(SlaSettingsRepository.GLOBAL);
		return (stored != null) ? stored : StoredSlaSettings.neverStored(null, initialValues());
	}

	/**
	 * The tenant's override (version 0 and no values when it never had one).
	 * @throws RefusedRequestException (not found) for an unknown tenant
	 */
	public StoredSlaSettings override(String tenantId) {
		requireTenant(tenantId);
		StoredSlaSettings stored = current(List.of(tenantId)).get(tenantId);
		return (stored != null) ? stored : StoredSlaSettings.neverStored(tenantId, SlaValues.NO_OVERRIDE);
	}

	/** The overrides that set anything, by tenant id. */
	public List<StoredSlaSettings> overrides() {
		return this.repository.overrides();
	}

	/**
	 * Replaces the global settings.
	 * @param values every value set
	 * @param expectedVersion the version the change is based on, or {@code null} to
	 * replace whatever is stored
	 * @param actor who makes the change, for the audit
	 * @throws RefusedRequestException conflict when {@code expectedVersion} is stale or
	 * another change came first
	 */
	@Transactional
	public StoredSlaSettings replaceGlobal(SlaValues values, Integer expectedVersion, String actor) {
		if (!values.isComplete()) {
			throw new IllegalArgumentException("The global SLA settings need every value: " + values);
		}
		return change(SlaSettingsRepository.GLOBAL, values, expectedVersion, actor, SlaSettingsChange.Kind.CHANGED);
	}

	/**
	 * Replaces the tenant's override; a value left {@code null} follows the global
	 * settings.
	 * @throws RefusedRequestException not found for an unknown tenant, conflict as
	 * {@link #replaceGlobal}
	 */
	@Transactional
	public StoredSlaSettings replaceOverride(String tenantId, SlaValues values, Integer expectedVersion, String actor) {
		requireTenant(tenantId);
		return change(tenantId, values, expectedVersion, actor, SlaSettingsChange.Kind.CHANGED);
	}

	/**
	 * Removes the tenant's override, so that it follows the global settings again. A
	 * tenant without one is left as it is, and nothing is audited.
	 * @throws RefusedRequestException not found for an unknown tenant, conflict as
	 * {@link #replaceGlobal}
	 */
	@Transactional
	public StoredSlaSettings removeOverride(String tenantId, Integer expectedVersion, String actor) {
		requireTenant(tenantId);
		Optional<StoredSlaSettings> stored = this.repository.find(tenantId);
		int version = stored.map(StoredSlaSettings::version).orElse(StoredSlaSettings.NEVER_STORED);
		if (expectedVersion != null && expectedVersion != version) {
			throw staleVersion(tenantId, expectedVersion, version);
		}
		if (stored.isEmpty() || stored.get().values().isEmpty()) {
			return stored.orElseGet(() -> StoredSlaSettings.neverStored(tenantId, SlaValues.NO_OVERRIDE));
		}
		return change(tenantId, SlaValues.NO_OVERRIDE, version, actor, SlaSettingsChange.Kind.REMOVED);
	}

	/**
	 * One page of the audited changes, newest first: of the tenant's override, or of
	 * every level ({@code tenantId} {@code null}). The audit of a tenant outlives it, so
	 * the tenant need not exist any more.
	 * @throws RefusedRequestException invalid for a bad page
	 */
	public List<SlaSettingsChange> changes(String tenantId, int page, int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw RefusedRequestException
				.invalid("Invalid page",
						"page starts at 0 and size is 1 to " + MAX_PAGE_SIZE + "; got page " + page + ", size " + size
								+ ".")
				.with("field", (page < 0) ? "page" : "size");
		}
		return this.repository.changes(tenantId, page, size);
	}

	/**
	 * Stores the global settings of the properties if there are none yet, as the first
	 * version by {@value #SYSTEM}.
	 * @return whether this call stored them
	 * @throws DuplicateKeyException when another node stored them at the same moment
	 */
	@Transactional
	boolean storeInitial(KnownHoldReasons holdReasons) {
		if (this.repository.find(SlaSettingsRepository.GLOBAL).isPresent()) {
			return false;
		}
		SlaValues configured = initialValues();
		for (String reason : configured.pausingReasons()) {
			if (!holdReasons.contains(reason)) {
				throw new IllegalStateException("incident-desk.sla.pausing-reasons names '" + reason
						+ "', which is no hold reason; the hold reasons are " + String.join(", ", holdReasons.names())
						+ ".");
			}
		}
		Set<String> pausing = new LinkedHashSet<>(holdReasons.names());
		pausing.retainAll(configured.pausingReasons());
		SlaValues values = new SlaValues(configured.autoCloseAfter(), configured.callerReplyTimeout(), pausing);
		markChanged(SlaSettingsRepository.GLOBAL);
		this.repository.insert(SlaSettingsRepository.GLOBAL, values, SYSTEM);
		this.repository.appendChange(SlaSettingsRepository.GLOBAL, 1, SlaSettingsChange.Kind.INITIAL, SYSTEM, null,
				document(values));
		return true;
	}

	/** The global settings of the properties ({@code incident-desk.sla.*}). */
	SlaValues initialValues() {
		return new SlaValues(this.initial.autoCloseAfter(), this.initial.callerReplyTimeout(),
				new LinkedHashSet<>(this.initial.pausingReasons()));
	}

	private StoredSlaSettings change(String scope, SlaValues after, Integer expectedVersion, String actor,
			SlaSettingsChange.Kind kind) {
		String tenantId = SlaSettingsRepository.GLOBAL.equals(scope) ? null : scope;
		Optional<StoredSlaSettings> stored = this.repository.find(scope);
		int version = stored.map(StoredSlaSettings::version).orElse(StoredSlaSettings.NEVER_STORED);
		if (expectedVersion != null && expectedVersion != version) {
			throw staleVersion(tenantId, expectedVersion, version);
		}
		markChanged(scope);
		if (stored.isEmpty()) {
			try {
				this.repository.insert(scope, after, actor);
			}
			catch (DuplicateKeyException ex) {
				throw overtaken(tenantId);
			}
		}
		else if (!this.repository.update(scope, version, after, actor)) {
			throw overtaken(tenantId);
		}
		int next = version + 1;
		this.repository.appendChange(scope, next, kind, actor,
				stored.map(StoredSlaSettings::values).map(this::document).orElse(null), document(after));
		return this.repository.find(scope).orElseThrow();
	}

	/**
	 * The stored levels of these scopes, from the cache when their version is still the
	 * stored one; a scope without a row is left out. Only committed settings are cached:
	 * a transaction that changed a level reads it past the cache, so what a transaction
	 * that then rolls back saw is never served to anybody.
	 */
	private Map<String, StoredSlaSettings> current(List<String> scopes) {
		Map<String, Integer> versions = this.repository.versions(scopes);
		Map<String, StoredSlaSettings> levels = new HashMap<>();
		for (String scope : scopes) {
			Integer version = versions.get(scope);
			if (version == null) {
				this.cache.remove(scope);
				continue;
			}
			boolean changedHere = changedInThisTransaction(scope);
			StoredSlaSettings cached = changedHere ? null : this.cache.get(scope);
			if (cached != null && cached.version() == version) {
				levels.put(scope, cached);
				continue;
			}
			this.repository.find(scope).ifPresent(loaded -> {
				if (!changedHere) {
					this.cache.put(scope, loaded);
				}
				levels.put(scope, loaded);
			});
		}
		return levels;
	}

	private SlaValues globalOf(Map<String, StoredSlaSettings> levels) {
		StoredSlaSettings global = levels.get(SlaSettingsRepository.GLOBAL);
		return (global != null) ? global.values() : initialValues();
	}

	/**
	 * Notes in the transaction that it changes the level, and evicts it when the
	 * transaction ends, so the next read loads what was committed.
	 */
	@SuppressWarnings("unchecked")
	private void markChanged(String scope) {
		this.cache.remove(scope);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		Set<String> changed = (Set<String>) TransactionSynchronizationManager.getResource(this.changedScopes);
		if (changed == null) {
			Set<String> scopes = new HashSet<>();
			TransactionSynchronizationManager.bindResource(this.changedScopes, scopes);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(SlaSettingsStore.this.changedScopes);
					scopes.forEach(SlaSettingsStore.this.cache::remove);
				}
			});
			changed = scopes;
		}
		changed.add(scope);
	}

	private boolean changedInThisTransaction(String scope) {
		Object changed = TransactionSynchronizationManager.getResource(this.changedScopes);
		return changed instanceof Set<?> scopes && scopes.contains(scope);
	}

	private String document(SlaValues values) {
		try {
			return this.json.writeValueAsString(SlaValuesView.of(values));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("SLA settings cannot be written as JSON", ex);
		}
	}

	private void requireTenant(String tenantId) {
		if (!this.tenancy.tenantExists(tenantId)) {
			throw RefusedRequestException.notFound("No such tenant",
					"There is no tenant '" + tenantId + "'. List them with GET /api/v1/admin/tenants.");
		}
	}

	private static String level(String tenantId) {
		return (tenantId != null) ? "The SLA settings of tenant '" + tenantId + "'" : "The global SLA settings";
	}

	private static RefusedRequestException staleVersion(String tenantId, int expected, int version) {
		return RefusedRequestException
			.conflict("SLA settings changed",
					level(tenantId) + " are at version " + version + ", not " + expected
							+ ": somebody changed them since you read them. Read them again, apply your change and "
							+ "send it with version " + version + ".")
			.with("field", "version")
			.with("currentVersion", version);
	}

	private static RefusedRequestException overtaken(String tenantId) {
		return RefusedRequestException.conflict("SLA settings changed", level(tenantId)
				+ " were changed at the same moment by somebody else. Read them again and send your change again.");
	}

}
