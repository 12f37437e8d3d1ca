package org.incidentdesk.portal.internal;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The portal speaks English or Bahasa Indonesia: the language chosen with {@code ?lang=}
 * (kept in a cookie), else the browser's preference, else English. Every other path (the
 * API) keeps resolving its locale from {@code Accept-Language} alone, as before the
 * portal existed, and mail goes by the user's Camunda locale, not by this.
 */
public class PortalLocaleResolver implements LocaleResolver {

	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("id"));

	static final String COOKIE = "incident-desk-lang";

	private final CookieLocaleResolver portal = new CookieLocaleResolver(COOKIE);

	private final AcceptHeaderLocaleResolver others = new AcceptHeaderLocaleResolver();

	public PortalLocaleResolver() {
		this.portal.setDefaultLocaleFunction(PortalLocaleResolver::fromBrowser);
		this.portal.setRejectInvalidCookies(true);
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		if (!isPortal(request)) {
			return this.others.resolveLocale(request);
		}
		Locale chosen = this.portal.resolveLocale(request);
		return supported(chosen) ? language(chosen) : fromBrowser(request);
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		if (isPortal(request) && locale != null && supported(locale)) {
			this.portal.setLocale(request, response, language(locale));
		}
	}

	public static boolean isPortal(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/") || path.equals("/login") || path.equals("/portal") || path.startsWith("/portal/");
	}

	private static Locale fromBrowser(HttpServletRequest request) {
		String header = request.getHeader("Accept-Language");
		if (header == null || header.isBlank()) {
			return Locale.ENGLISH;
		}
		try {
			Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
			return (best != null) ? best : Locale.ENGLISH;
		}
		catch (IllegalArgumentException ex) {
			// A malformed header is the browser's problem; the page still shows, in
			// English.
			return Locale.ENGLISH;
		}
	}

	private static boolean supported(Locale locale) {
		return SUPPORTED.stream().anyMatch(candidate -> candidate.getLanguage().equals(locale.getLanguage()));
	}

	/** Only the language counts; {@code in} is Java's old code for Indonesian. */
	private static Locale language(Locale locale) {
		return Locale.forLanguageTag(locale.getLanguage().equals("in") ? "id" : locale.getLanguage());
	}

}
