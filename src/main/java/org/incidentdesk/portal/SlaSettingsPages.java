package org.incidentdesk.portal;

import java.util.ArrayList;
import java.util.List;

import org.incidentdesk.slapolicy.KnownHoldReasons;
import org.incidentdesk.slapolicy.SlaSettingsChange;
import org.incidentdesk.slapolicy.SlaSettingsRequest;
import org.incidentdesk.slapolicy.SlaSettingsStore;
import org.incidentdesk.slapolicy.SlaValues;
import org.incidentdesk.slapolicy.SlaValuesView;
import org.incidentdesk.slapolicy.StoredSlaSettings;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.DomainException;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.incidentdesk.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' pages for the SLA settings: the global settings with every
 * organisation's effective settings, and a form per organisation for its override. The
 * forms save through the same service as the API ({@code /api/v1/admin/sla/settings}),
 * with the version they showed, so a change somebody made in between is not overwritten.
 */
@Controller
class SlaSettingsPages {

	static final String PAGE = "/portal/admin/sla";

	/** How many changes a page lists. */
	private static final int CHANGES_SHOWN = 10;

	private final SlaSettingsStore settings;

	private final KnownHoldReasons holdReasons;

	private final Tenancy tenancy;

	SlaSettingsPages(SlaSettingsStore settings, KnownHoldReasons holdReasons, Tenancy tenancy) {
		this.settings = settings;
		this.holdReasons = holdReasons;
		this.tenancy = tenancy;
	}

	@GetMapping(PAGE)
	ModelAndView global(@AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		return globalPage(SlaForm.of(this.settings.global()), List.of(), null, HttpStatus.OK);
	}

	@PostMapping(PAGE)
	ModelAndView saveGlobal(@ModelAttribute SlaForm form, @AuthenticationPrincipal CurrentUser user,
			RedirectAttributes redirect) {
		requireAdministrator(user);
		try {
			SlaValues values = form.request(true).toGlobal(this.holdReasons);
			this.settings.replaceGlobal(values, form.version(), user.id());
		}
		catch (DomainException ex) {
			return refused(ex, (errors, problem, status) -> globalPage(form, errors, problem, status));
		}
		redirect.addFlashAttribute("notice", "sla.saved");
		return new ModelAndView("redirect:" + PAGE);
	}

	@GetMapping(PAGE + "/{tenantId}")
	ModelAndView override(@PathVariable String tenantId, @AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		return overridePage(tenantId, SlaForm.of(this.settings.override(tenantId)), List.of(), null, HttpStatus.OK);
	}

	@PostMapping(PAGE + "/{tenantId}")
	ModelAndView saveOverride(@PathVariable String tenantId, @ModelAttribute SlaForm form,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		requireAdministrator(user);
		try {
			SlaValues values = form.request(false).toOverride(this.holdReasons);
			this.settings.replaceOverride(tenantId, values, form.version(), user.id());
		}
		catch (DomainException ex) {
			return refused(ex, (errors, problem, status) -> overridePage(tenantId, form, errors, problem, status));
		}
		redirect.addFlashAttribute("notice", "sla.saved");
		return new ModelAndView("redirect:" + PAGE + "/" + tenantId);
	}

	@PostMapping(PAGE + "/{tenantId}/removal")
	ModelAndView removeOverride(@PathVariable String tenantId, @RequestParam(required = false) Integer version,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		requireAdministrator(user);
		try {
			this.settings.removeOverride(tenantId, version, user.id());
		}
		catch (DomainException ex) {
			return refused(ex, (errors, problem, status) -> overridePage(tenantId,
					SlaForm.of(this.settings.override(tenantId)), errors, problem, status));
		}
		redirect.addFlashAttribute("notice", "sla.removed");
		return new ModelAndView("redirect:" + PAGE + "/" + tenantId);
	}

	private ModelAndView globalPage(SlaForm form, List<String> errors, String problem, HttpStatus status) {
		List<Row> rows = new ArrayList<>();
		this.tenancy.tenantNames().forEach((id, name) -> {
			StoredSlaSettings override = this.settings.override(id);
			rows.add(new Row(id, name, SlaValuesView.of(this.settings.effective(id)),
					SlaValuesView.of(override.values())));
		});
		return page("portal/sla-settings", form, errors, problem, status).addObject("rows", rows)
			.addObject("changes", this.settings.changes(null, 0, CHANGES_SHOWN));
	}

	private ModelAndView overridePage(String tenantId, SlaForm form, List<String> errors, String problem,
			HttpStatus status) {
		return page("portal/sla-override", form, errors, problem, status).addObject("tenantId", tenantId)
			.addObject("tenantName", this.tenancy.tenantNames().getOrDefault(tenantId, tenantId))
			.addObject("global", SlaValuesView.of(this.settings.global().values()))
			.addObject("changes", this.settings.changes(tenantId, 0, CHANGES_SHOWN));
	}

	private ModelAndView page(String view, SlaForm form, List<String> errors, String problem, HttpStatus status) {
		ModelAndView page = new ModelAndView(view);
		page.addObject("form", form);
		page.addObject("reasons", this.holdReasons.names());
		page.addObject("errors", errors);
		page.addObject("problem", problem);
		page.setStatus(status);
		return page;
	}

	/**
	 * The form again with what the refusal says: every field to correct, or that somebody
	 * else saved first. Any other refusal (an unknown organisation) is the error page's.
	 */
	private static ModelAndView refused(DomainException ex, PageOf page) {
		if (ex.kind() == DomainException.Kind.INVALID) {
			List<String> errors = (ex.properties().get("errors") instanceof List<?> lines)
					? lines.stream().map(String::valueOf).toList() : List.of(ex.getMessage());
			return page.of(errors, null, HttpStatus.BAD_REQUEST);
		}
		if (ex.kind() == DomainException.Kind.CONFLICT) {
			return page.of(List.of(), "sla.conflict", HttpStatus.CONFLICT);
		}
		throw ex;
	}

	private static void requireAdministrator(CurrentUser user) {
		if (!AccessPolicy.isAdministrator(user)) {
			throw RefusedRequestException.notAllowed("For administrators",
					"Only administrators change the SLA settings.");
		}
	}

	@FunctionalInterface
	private interface PageOf {

		ModelAndView of(List<String> errors, String problem, HttpStatus status);

	}

	/**
	 * One organisation in the list.
	 *
	 * @param id the tenant id
	 * @param name its name
	 * @param effective the settings its new timers use
	 * @param override what its override sets (nothing: none)
	 */
	record Row(String id, String name, SlaValuesView effective, SlaValuesView override) {

		public boolean overrides(String setting) {
			return switch (setting) {
				case "autoCloseAfter" -> this.override.autoCloseAfter() != null;
				case "callerReplyTimeout" -> this.override.callerReplyTimeout() != null;
				default -> this.override.pausingReasons() != null;
			};
		}

	}

	/**
	 * A settings form: the durations as typed, the pausing hold reasons ticked, for an
	 * override whether it has pausing reasons of its own ({@code pausing} {@code own},
	 * else as the global settings), and the version it shows.
	 */
	record SlaForm(String autoCloseAfter, String callerReplyTimeout, String pausing, List<String> pausingReasons,
			Integer version) {

		static SlaForm of(StoredSlaSettings stored) {
			SlaValuesView values = SlaValuesView.of(stored.values());
			return new SlaForm(values.autoCloseAfter(), values.callerReplyTimeout(),
					(values.pausingReasons() != null) ? "own" : "global", values.pausingReasons(), stored.version());
		}

		/** Whether the form ticks this hold reason. */
		public boolean pauses(String reason) {
			return this.pausingReasons != null && this.pausingReasons.contains(reason);
		}

		/** Whether an override's form sets pausing reasons of its own. */
		public boolean ownPausing() {
			return "own".equals(this.pausing);
		}

		/**
		 * What the form asks for, as the API would be asked: a field left empty in an
		 * override follows the global settings; no reason ticked pauses for none.
		 */
		SlaSettingsRequest request(boolean global) {
			List<String> reasons = (this.pausingReasons != null) ? this.pausingReasons : List.of();
			if (global) {
				return new SlaSettingsRequest(this.autoCloseAfter, this.callerReplyTimeout, reasons, this.version);
			}
			return new SlaSettingsRequest(blankAsNull(this.autoCloseAfter), blankAsNull(this.callerReplyTimeout),
					ownPausing() ? reasons : null, this.version);
		}

		private static String blankAsNull(String text) {
			return (text == null || text.isBlank()) ? null : text;
		}

	}

}
