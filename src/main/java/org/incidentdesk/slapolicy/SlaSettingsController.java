package org.incidentdesk.slapolicy;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentdesk.system.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrators' API for the SLA settings: the global ones and each tenant's
 * override. Only members of {@code camunda-admin} get through (the security chain guards
 * all of {@code /api/v1/admin}). A refusal names the field to correct ({@code field}). A
 * change counts for the timers created after it, on every node, without a restart.
 */
@RestController
@RequestMapping("/api/v1/admin/sla/settings")
@Tag(name = "SLA settings",
		description = "Auto-close period, caller-reply timeout and the hold reasons that pause the SLA clock, "
				+ "globally and per customer organisation; versioned and audited")
class SlaSettingsController {

	private final SlaSettingsStore store;

	private final KnownHoldReasons holdReasons;

	SlaSettingsController(SlaSettingsStore store, KnownHoldReasons holdReasons) {
		this.store = store;
		this.holdReasons = holdReasons;
	}

	@GetMapping
	@Operation(summary = "Read the global SLA settings",
			description = "The settings of every tenant without an override. Durations are ISO-8601 (P3D, PT4H); "
					+ "pausingReasons are hold reasons. At the first start they come from incident-desk.sla.*.")
	SlaSettingsView global() {
		return SlaSettingsView.of(this.store.global());
	}

	@PutMapping
	@Operation(summary = "Replace the global SLA settings",
			description = "Every value is required; new timers use them at once, running timers keep their due "
					+ "dates. With version, the change is made only if the settings are still at that version (else "
					+ "409: read them again). A refusal (400) names the field: a duration that is not ISO-8601 in "
					+ "whole days, hours, minutes and seconds, zero, negative or longer than P366D, a pausing reason "
					+ "that is no hold reason.")
	SlaSettingsView replaceGlobal(@RequestBody SlaSettingsRequest request, @AuthenticationPrincipal CurrentUser user) {
		SlaValues values = request.toGlobal(this.holdReasons);
		return SlaSettingsView.of(this.store.replaceGlobal(values, request.version(), user.id()));
	}

	@GetMapping("/tenants")
	@Operation(summary = "List the tenants' overrides",
			description = "Only tenants whose override sets anything, by tenant id.")
	List<SlaOverrideView> overrides() {
		SlaValues global = this.store.global().values();
		return this.store.overrides().stream().map(stored -> SlaOverrideView.of(stored, global)).toList();
	}

	@GetMapping("/tenants/{tenantId}")
	@Operation(summary = "Read a tenant's override of the SLA settings",
			description = "The values the override sets (absent: as the global settings), its version (0 when the "
					+ "tenant never had one) and the settings that apply to the tenant's new timers (effective).")
	SlaOverrideView override(@PathVariable String tenantId) {
		return SlaOverrideView.of(this.store.override(tenantId), this.store.global().values());
	}

	@PutMapping("/tenants/{tenantId}")
	@Operation(summary = "Replace a tenant's override of the SLA settings",
			description = "For a customer whose contract differs. A value left out or null follows the global "
					+ "settings; pausingReasons [] pauses for no hold reason. The tenant's new timers use the "
					+ "override at once. Version and refusals as for the global settings; 404 for an unknown tenant.")
	SlaOverrideView replaceOverride(@PathVariable String tenantId, @RequestBody SlaSettingsRequest request,
			@AuthenticationPrincipal CurrentUser user) {
		SlaValues values = request.toOverride(this.holdReasons);
		StoredSlaSettings stored = this.store.replaceOverride(tenantId, values, request.version(), user.id());
		return SlaOverrideView.of(stored, this.store.global().values());
	}

	@DeleteMapping("/tenants/{tenantId}")
	@Operation(summary = "Remove a tenant's override",
			description = "The tenant follows the global settings again, from its next timer on. Answers 204 also "
					+ "when the tenant had no override (then nothing is audited); 404 for an unknown tenant.")
	ResponseEntity<Void> removeOverride(@PathVariable String tenantId,
			@Parameter(
					description = "The version the removal is based on; a stale one is refused with 409") @RequestParam(
							required = false) Integer version,
			@AuthenticationPrincipal CurrentUser user) {
		this.store.removeOverride(tenantId, version, user.id());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/changes")
	@Operation(summary = "List the audited changes of the SLA settings",
			description = "Newest first: who made which version of the global settings or of a tenant's override "
					+ "(tenantId) when, and the settings before (oldValue, absent for the first version) and after "
					+ "(newValue). tenantId lists one tenant's changes only, also of a tenant that no longer exists. "
					+ "Pages of size changes (at most 100), from page 0.")
	List<SlaSettingsChangeView> changes(
			@Parameter(description = "Only this tenant's override") @RequestParam(required = false) String tenantId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.store.changes(tenantId, page, size).stream().map(SlaSettingsChangeView::of).toList();
	}

	/**
	 * The global SLA settings.
	 *
	 * @param autoCloseAfter how long a resolved incident waits for the caller's answer
	 * before it closes itself
	 * @param callerReplyTimeout how long a question to the caller waits for the reply
	 * @param pausingReasons the hold reasons that pause the SLA clock
	 * @param version raised by one with every change
	 * @param updatedAt when the last change was made
	 * @param updatedBy who made it ({@code system}: stored from the properties at the
	 * first start)
	 */
	record SlaSettingsView(@Schema(example = "P3D") String autoCloseAfter,
			@Schema(example = "P2D") String callerReplyTimeout, List<String> pausingReasons, int version,
			OffsetDateTime updatedAt, String updatedBy) {

		static SlaSettingsView of(StoredSlaSettings stored) {
			SlaValuesView values = SlaValuesView.of(stored.values());
			return new SlaSettingsView(values.autoCloseAfter(), values.callerReplyTimeout(), values.pausingReasons(),
					stored.version(), stored.updatedAt(), stored.updatedBy());
		}

	}

	/**
	 * A tenant's override of the SLA settings.
	 *
	 * @param tenantId the tenant
	 * @param autoCloseAfter the override's auto-close period; absent: as the global one
	 * @param callerReplyTimeout the override's caller-reply timeout; absent: as the
	 * global one
	 * @param pausingReasons the override's pausing hold reasons; absent: as the global
	 * ones
	 * @param version raised by one with every change; 0 when the tenant never had an
	 * override
	 * @param updatedAt when the last change was made
	 * @param updatedBy who made it
	 * @param effective the settings the tenant's new timers use
	 */
	record SlaOverrideView(String tenantId, @Schema(example = "P5D") String autoCloseAfter, String callerReplyTimeout,
			List<String> pausingReasons, int version, OffsetDateTime updatedAt, String updatedBy,
			SlaValuesView effective) {

		static SlaOverrideView of(StoredSlaSettings stored, SlaValues global) {
			SlaValuesView values = SlaValuesView.of(stored.values());
			return new SlaOverrideView(stored.tenantId(), values.autoCloseAfter(), values.callerReplyTimeout(),
					values.pausingReasons(), stored.version(), stored.updatedAt(), stored.updatedBy(),
					SlaValuesView.of(stored.values().over(global)));
		}

	}

	/**
	 * One audited change.
	 *
	 * @param id the change's number, larger for later changes
	 * @param tenantId the tenant whose override changed; absent for the global settings
	 * @param version the version the change made
	 * @param kind INITIAL (stored from the properties at the first start), CHANGED or
	 * REMOVED (a tenant's override)
	 * @param changedAt when
	 * @param changedBy who
	 * @param oldValue the settings before, absent before the first version
	 * @param newValue the settings after
	 */
	record SlaSettingsChangeView(long id, String tenantId, int version, SlaSettingsChange.Kind kind,
			OffsetDateTime changedAt, String changedBy,
			@JsonRawValue @Schema(implementation = SlaValuesView.class) String oldValue,
			@JsonRawValue @Schema(implementation = SlaValuesView.class) String newValue) {

		static SlaSettingsChangeView of(SlaSettingsChange change) {
			return new SlaSettingsChangeView(change.id(), change.tenantId(), change.version(), change.kind(),
					change.changedAt(), change.changedBy(), change.oldValue(), change.newValue());
		}

	}

}
