package org.incidentdesk.sla;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.sla.internal.CalendarDocument;
import org.incidentdesk.sla.internal.CalendarRepository;
import org.incidentdesk.sla.internal.HolidayCsv;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.Tenancy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenants' business calendars: read (cached), replaced, given holidays, and audited.
 * Every change raises the calendar's version by one and appends who made it, when, and
 * the calendar before and after to the audit, in the same transaction. A change names the
 * version it is based on, if it likes; a stale one is refused, and so is a change that
 * another one overtook between reading and writing.
 * <p>
 * Reads are cached per tenant and checked against the stored version on every read (one
 * primary-key lookup), so a change made on another node counts from its commit on, and
 * the calendar with its holidays is loaded again only after a change.
 */
@Service
public class BusinessCalendars {

	/** The most changes one page of the audit lists. */
	public static final int MAX_PAGE_SIZE = 100;

	private final CalendarRepository repository;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	private final BusinessCalendar defaultCalendar;

	private final ConcurrentMap<String, StoredCalendar> cache = new ConcurrentHashMap<>();

	/** The key of the tenants whose calendar the current transaction changes. */
	private final Object changedTenants = new Object();

	BusinessCalendars(CalendarRepository repository, CalendarSettings settings, Tenancy tenancy, ObjectMapper json) {
		this.repository = repository;
		this.defaultCalendar = settings.defaultCalendar();
		this.tenancy = tenancy;
		this.json = json;
	}

	/**
	 * The calendar the tenant's business time runs on: its own, or the default. Does not
	 * check that the tenant exists (a tenant unknown here has the default).
	 */
	public BusinessCalendar calendarOf(String tenantId) {
		return current(tenantId).calendar();
	}

	/** The calendar of every tenant that has none of its own. */
	public BusinessCalendar defaultCalendar() {
		return this.defaultCalendar;
	}

	/**
	 * The tenant's calendar with its version (0 for the default).
	 * @throws RefusedRequestException (not found) for an unknown tenant
	 */
	public StoredCalendar stored(String tenantId) {
		requireTenant(tenantId);
		return current(tenantId);
	}

	/**
	 * Replaces the tenant's calendar as a whole.
	 * @param expectedVersion the version the change is based on, or {@code null} to
	 * replace whatever is stored
	 * @param actor who makes the change, for the audit
	 * @return the stored calendar with its new version
	 * @throws RefusedRequestException not found for an unknown tenant, conflict when
	 * {@code expectedVersion} is stale or another change came first
	 */
	@Transactional
	public StoredCalendar replace(String tenantId, BusinessCalendar calendar, Integer expectedVersion, String actor) {
		requireTenant(tenantId);
		return change(tenantId, expectedVersion, actor, CalendarChange.Kind.REPLACED, current -> calendar);
	}

	/**
	 * Adds holidays to the tenant's calendar; a date it has already takes the new name. A
	 * tenant without a calendar of its own gets the default with these holidays.
	 * @see #replace
	 */
	@Transactional
	public StoredCalendar addHolidays(String tenantId, Map<LocalDate, String> holidays, Integer expectedVersion,
			String actor) {
		requireTenant(tenantId);
		return change(tenantId, expectedVersion, actor, CalendarChange.Kind.HOLIDAYS_IMPORTED,
				current -> current.withHolidays(holidays));
	}

	/**
	 * Adds the holidays of a CSV file ({@code date,name} lines, header optional), all or
	 * nothing.
	 * @throws InvalidCalendarException naming the first bad line, listing every bad line
	 * in {@code errors}; then nothing was imported
	 * @see #addHolidays
	 */
	@Transactional
	public StoredCalendar importHolidays(String tenantId, String csv, Integer expectedVersion, String actor) {
		requireTenant(tenantId);
		Map<LocalDate, String> holidays = HolidayCsv.parse(csv);
		return change(tenantId, expectedVersion, actor, CalendarChange.Kind.HOLIDAYS_IMPORTED,
				current -> current.withHolidays(holidays));
	}

	/**
	 * Reads holidays from CSV as the import does ({@code date,name} lines, header
	 * optional, {@code #} comments), without storing them.
	 * @throws InvalidCalendarException naming the first bad line, listing every bad line
	 * in {@code errors}
	 */
	public static SortedMap<LocalDate, String> parseHolidays(String csv) {
		return HolidayCsv.parse(csv);
	}

	/**
	 * One page of the tenant's audited changes, newest first.
	 * @throws RefusedRequestException not found for an unknown tenant, invalid for a bad
	 * page
	 */
	public List<CalendarChange> changes(String tenantId, int page, int size) {
		requireTenant(tenantId);
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw RefusedRequestException.invalid("Invalid page", "page starts at 0 and size is 1 to " + MAX_PAGE_SIZE
					+ "; got page " + page + ", size " + size + ".");
		}
		return this.repository.changes(tenantId, page, size);
	}

	private StoredCalendar change(String tenantId, Integer expectedVersion, String actor, CalendarChange.Kind kind,
			UnaryOperator<BusinessCalendar> edit) {
		Optional<StoredCalendar> stored = this.repository.find(tenantId);
		int version = stored.map(StoredCalendar::version).orElse(StoredCalendar.DEFAULT_VERSION);
		if (expectedVersion != null && expectedVersion != version) {
			throw staleVersion(tenantId, expectedVersion, version);
		}
		BusinessCalendar before = stored.map(StoredCalendar::calendar).orElseGet(this::defaultCalendar);
		BusinessCalendar after = edit.apply(before);
		markChanged(tenantId);
		if (stored.isEmpty()) {
			try {
				this.repository.insert(tenantId, after, actor);
			}
			catch (DuplicateKeyException ex) {
				throw overtaken(tenantId);
			}
		}
		else if (!this.repository.update(tenantId, version, after, actor)) {
			throw overtaken(tenantId);
		}
		int next = version + 1;
		this.repository.appendChange(tenantId, next, kind, actor, stored.map(this::document).orElse(null),
				document(new StoredCalendar(tenantId, after, next)));
		return new StoredCalendar(tenantId, after, next);
	}

	/**
	 * The stored calendar, from the cache when its version is still the stored one. Only
	 * committed calendars are cached: a transaction that changed a tenant's calendar
	 * reads it past the cache, so what a transaction that then rolls back saw is never
	 * served to anybody.
	 */
	private StoredCalendar current(String tenantId) {
		if (changedInThisTransaction(tenantId)) {
			return this.repository.find(tenantId).orElseGet(() -> defaultOf(tenantId));
		}
		Optional<Integer> version = this.repository.version(tenantId);
		if (version.isEmpty()) {
			this.cache.remove(tenantId);
			return defaultOf(tenantId);
		}
		StoredCalendar cached = this.cache.get(tenantId);
		if (cached != null && cached.version() == version.get()) {
			return cached;
		}
		Optional<StoredCalendar> loaded = this.repository.find(tenantId);
		if (loaded.isEmpty()) {
			return defaultOf(tenantId);
		}
		this.cache.put(tenantId, loaded.get());
		return loaded.get();
	}

	private StoredCalendar defaultOf(String tenantId) {
		return new StoredCalendar(tenantId, this.defaultCalendar, StoredCalendar.DEFAULT_VERSION);
	}

	/**
	 * Notes in the transaction that it changes the tenant's calendar, and evicts the
	 * tenant when the transaction ends, so the next read loads what was committed.
	 */
	@SuppressWarnings("unchecked")
	private void markChanged(String tenantId) {
		this.cache.remove(tenantId);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		Set<String> changed = (Set<String>) TransactionSynchronizationManager.getResource(this.changedTenants);
		if (changed == null) {
			Set<String> tenants = new HashSet<>();
			TransactionSynchronizationManager.bindResource(this.changedTenants, tenants);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(BusinessCalendars.this.changedTenants);
					tenants.forEach(BusinessCalendars.this.cache::remove);
				}
			});
			changed = tenants;
		}
		changed.add(tenantId);
	}

	private boolean changedInThisTransaction(String tenantId) {
		Object changed = TransactionSynchronizationManager.getResource(this.changedTenants);
		return changed instanceof Set<?> tenants && tenants.contains(tenantId);
	}

	private String document(StoredCalendar stored) {
		try {
			return this.json.writeValueAsString(CalendarDocument.of(stored.calendar(), stored.version()));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A calendar cannot be written as JSON", ex);
		}
	}

	private void requireTenant(String tenantId) {
		if (!this.tenancy.tenantExists(tenantId)) {
			throw RefusedRequestException.notFound("No such tenant",
					"There is no tenant '" + tenantId + "'. List them with GET /api/v1/admin/tenants.");
		}
	}

	private static RefusedRequestException staleVersion(String tenantId, int expected, int version) {
		return RefusedRequestException
			.conflict("Calendar changed",
					"The calendar of tenant '" + tenantId + "' is at version " + version + ", not " + expected
							+ ": somebody changed it since you read it. Read it again, apply your change and send it "
							+ "with version " + version + ".")
			.with("currentVersion", version);
	}

	private static RefusedRequestException overtaken(String tenantId) {
		return RefusedRequestException.conflict("Calendar changed", "The calendar of tenant '" + tenantId
				+ "' was changed at the same moment by somebody else. " + "Read it again and send your change again.");
	}

}
