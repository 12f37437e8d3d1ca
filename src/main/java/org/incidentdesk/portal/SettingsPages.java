package org.incidentdesk.portal;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.portal.internal.PortalLocaleResolver;
import org.incidentdesk.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every user's own settings, callers and staff alike: the language of their mail (and of
 * the refusals Tasklist shows them) and the time zone the portal shows their times in.
 * Both are Camunda user info, as the rest of the product reads them: {@code locale}
 * ({@code en} or {@code id}) and {@value Readers#TIME_ZONE_INFO} (an IANA id). A time
 * zone left empty means "automatic": the organisation's calendar's, else the browser's
 * ({@link Readers}). Saving also switches the portal to the chosen language in this
 * browser.
 */
@Controller
class SettingsPages {

	static final String PATH = "/portal/settings";

	/** The user info key of a user's language, read by mail and by the engine API. */
	static final String LOCALE_INFO = "locale";

	private final IdentityService identity;

	private final LocaleResolver locales;

	SettingsPages(IdentityService identity, LocaleResolver locales) {
		this.identity = identity;
		this.locales = locales;
	}

	@GetMapping(PATH)
	ModelAndView form(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
		String language = Optional.ofNullable(this.identity.getUserInfo(user.id(), LOCALE_INFO))
			.filter(SettingsPages::supported)
			.orElse("");
		String zone = Optional.ofNullable(this.identity.getUserInfo(user.id(), Readers.TIME_ZONE_INFO)).orElse("");
		return page(new SettingsForm(language, zone), null, HttpStatus.OK, request);
	}

	@PostMapping(PATH)
	ModelAndView save(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(name = "language", defaultValue = "") String language,
			@RequestParam(name = "timeZone", defaultValue = "") String timeZone, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		SettingsForm form = new SettingsForm(language.strip(), timeZone.strip());
		if (!form.language().isEmpty() && !supported(form.language())) {
			return page(form, "settings.unknownLanguage", HttpStatus.BAD_REQUEST, request);
		}
		Optional<ZoneId> zone = Readers.zone(form.timeZone());
		if (!form.timeZone().isEmpty() && zone.isEmpty()) {
			return page(form, "settings.unknownZone", HttpStatus.BAD_REQUEST, request);
		}
		if (form.language().isEmpty()) {
			this.identity.deleteUserInfo(user.id(), LOCALE_INFO);
		}
		else {
			this.identity.setUserInfo(user.id(), LOCALE_INFO, form.language());
			this.locales.setLocale(request, response, Locale.forLanguageTag(form.language()));
		}
		if (zone.isEmpty()) {
			this.identity.deleteUserInfo(user.id(), Readers.TIME_ZONE_INFO);
		}
		else {
			this.identity.setUserInfo(user.id(), Readers.TIME_ZONE_INFO, zone.get().getId());
		}
		redirect.addFlashAttribute("notice", "settings.saved");
		return new ModelAndView("redirect:" + PATH);
	}

	private ModelAndView page(SettingsForm form, String problem, HttpStatus status, HttpServletRequest request) {
		ModelAndView page = new ModelAndView("portal/settings");
		page.addObject("form", form);
		page.addObject("problem", problem);
		page.addObject("zones", ZoneIds.ALL);
		page.setStatus(status);
		return page;
	}

	private static boolean supported(String language) {
		return PortalLocaleResolver.SUPPORTED.stream().anyMatch(locale -> locale.getLanguage().equals(language));
	}

	/** What the form shows and sends; empty means "automatic" for both. */
	record SettingsForm(String language, String timeZone) {
	}

	/** UTC and the region-based IANA ids, sorted, for the form's suggestions. */
	private static final class ZoneIds {

		static final List<String> ALL = Stream
			.concat(Stream.of("UTC"),
					ZoneId.getAvailableZoneIds()
						.stream()
						.filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
						.sorted())
			.toList();

	}

}
