package org.incidentdesk.slapolicy;

import org.incidentdesk.system.StartUpLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Stores the SLA settings of the properties ({@code incident-desk.sla.*}) as the global
 * settings at the first start, when the database has none yet. Later starts leave the
 * stored settings as they are, and say so when the properties differ, because an
 * administrator may have changed them since. Until this has run, the timers read the
 * properties' values.
 */
@Component
class InitialSlaSettings implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InitialSlaSettings.class);

	private final SlaSettingsStore store;

	private final KnownHoldReasons holdReasons;

	private final StartUpLock lock;

	InitialSlaSettings(SlaSettingsStore store, KnownHoldReasons holdReasons, StartUpLock lock) {
		this.store = store;
		this.holdReasons = holdReasons;
		this.lock = lock;
	}

	/**
	 * Nodes that start together take turns ({@link StartUpLock}); the node that waited
	 * finds the settings stored.
	 */
	@Override
	public void run(ApplicationArguments args) {
		this.lock.run("storing the initial SLA settings", this::storeOrCompare);
	}

	private void storeOrCompare() {
		try {
			if (this.store.storeInitial(this.holdReasons)) {
				log.info("Stored the SLA settings of incident-desk.sla.* as the global SLA settings.");
				return;
			}
		}
		catch (DataIntegrityViolationException ex) {
			// The key of the global settings, should another writer have come first.
			log.info("Another node stored the initial SLA settings at the same moment ({}).", ex.getMessage());
		}
		StoredSlaSettings stored = this.store.global();
		if (!stored.values().equals(this.store.initialValues())) {
			log.info(
					"The global SLA settings (version {}, by {}) differ from incident-desk.sla.*, which only the "
							+ "first start reads; change them through /api/v1/admin/sla/settings.",
					stored.version(), stored.updatedBy());
		}
	}

}
