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
import org.incidentdesk.tenancy.UserSettings;
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
 * Both are Camunda user info, as the rest of the product reads them
 * ({@link UserSettings}). A time zone left empty means "automatic": the organisation's
 * calendar's, else the browser's ({@link Readers}). Saving also switches the portal to
 * the chosen language in this browser.
 */
@Controller
class SettingsPages {

	static final String PATH = "/portal/settings";

	private final IdentityService identity;

	private final UserSettings settings;

	private final LocaleResolver locales;

	SettingsPages(IdentityService identity, UserSettings settings, LocaleResolver locales) {
		this.identity = identity;
		this.settings = settings;
		this.locales = locales;
	}

	@GetMapping(PATH)
	ModelAndView form(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
		String language = Optional.ofNullable(this.identity.getUserInfo(user.id(), UserSettings.LANGUAGE_INFO))
			.filter(SettingsPages::supported)
			.orElse("");
		String zone = Optional.ofNullable(this.identity.getUserInfo(user.id(), UserSettings.TIME_ZONE_INFO)).orElse("");
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
		Optional<String> chosen = Optional.of(form.language()).filter((value) -> !value.isEmpty());
		this.settings.save(user.id(), chosen, zone);
		chosen.ifPresent((value) -> this.locales.setLocale(request, response, Locale.forLanguageTag(value)));
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
