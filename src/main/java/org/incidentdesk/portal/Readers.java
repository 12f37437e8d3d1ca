package org.incidentdesk.portal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.sla.StoredCalendar;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.UserSettings;
import org.springframework.stereotype.Component;

/**
 * Who reads a portal page, as the page addresses them: by the name in their profile, and
 * with times in their time zone.
 * <p>
 * The zone is the first of: the profile's own (Camunda keeps no time zone with a user, so
 * it is the user info {@value #TIME_ZONE_INFO}, an IANA id, as {@code locale} is for
 * mail); the zone of their organisation's own business calendar (a caller belongs to one
 * organisation); the browser's, which the portal's script leaves in the cookie
 * {@value #TIME_ZONE_COOKIE}; UTC.
 */
@Component
class Readers {

	static final String TIME_ZONE_INFO = UserSettings.TIME_ZONE_INFO;

	static final String TIME_ZONE_COOKIE = "incident-desk-tz";

	private final IdentityService identity;

	private final BusinessCalendars calendars;

	Readers(IdentityService identity, BusinessCalendars calendars) {
		this.identity = identity;
		this.calendars = calendars;
	}

	Reader of(CurrentUser user, HttpServletRequest request) {
		User profile = this.identity.createUserQuery().userId(user.id()).singleResult();
		return new Reader(name(user, profile), zone(user, request));
	}

	private static String name(CurrentUser user, User profile) {
		if (profile == null) {
			return user.id();
		}
		String name = String.join(" ", blankToEmpty(profile.getFirstName()), blankToEmpty(profile.getLastName()))
			.strip();
		return name.isEmpty() ? user.id() : name;
	}

	private ZoneId zone(CurrentUser user, HttpServletRequest request) {
		return zone(this.identity.getUserInfo(user.id(), TIME_ZONE_INFO)).or(() -> organisationZone(user))
			.or(() -> browserZone(request))
			.orElse(ZoneOffset.UTC);
	}

	private Optional<ZoneId> organisationZone(CurrentUser user) {
		if (user.tenants().size() != 1) {
			return Optional.empty();
		}
		try {
			StoredCalendar calendar = this.calendars.stored(user.tenants().get(0));
			return (calendar.version() != StoredCalendar.DEFAULT_VERSION) ? Optional.of(calendar.calendar().zone())
					: Optional.empty();
		}
		catch (RefusedRequestException ex) {
			// an organisation that is gone has no calendar to go by
			return Optional.empty();
		}
	}

	private static Optional<ZoneId> browserZone(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		return Arrays.stream(cookies)
			.filter(cookie -> TIME_ZONE_COOKIE.equals(cookie.getName()))
			.findFirst()
			.flatMap(cookie -> {
				try {
					return zone(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
				}
				catch (IllegalArgumentException ex) {
					return Optional.empty();
				}
			});
	}

	/** An IANA zone id, or nothing for a missing or unknown one. */
	static Optional<ZoneId> zone(String id) {
		if (id == null || id.isBlank() || id.length() > 64) {
			return Optional.empty();
		}
		try {
			return Optional.of(ZoneId.of(id.strip()));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private static String blankToEmpty(String value) {
		return (value == null) ? "" : value.strip();
	}

	/**
	 * The reader of a page.
	 *
	 * @param name the name in their profile, or their user id without one
	 * @param zone the time zone their times are shown in
	 */
	record Reader(String name, ZoneId zone) {
	}

}
