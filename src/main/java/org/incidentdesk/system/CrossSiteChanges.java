package org.incidentdesk.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * A change (any method but GET, HEAD, OPTIONS and TRACE) that a browser sends on behalf
 * of a page of another site. Browsers add HTTP Basic credentials and session cookies to
 * such requests by themselves, so every chain that takes changes on ambient credentials
 * refuses them ({@code /api/v1}, {@code /engine-rest}, the webapps, the portal).
 * <p>
 * A browser tells where a request comes from in two headers that no page can set:
 * <ul>
 * <li>{@code Sec-Fetch-Site}: {@code cross-site} and {@code same-site} are refused. A
 * sibling host of the same site ({@code other.example.com} next to
 * {@code desk.example.com}) is another application, not this one.</li>
 * <li>{@code Origin}: refused unless it is this service's own origin, compared as scheme,
 * host and port with default ports filled in. {@code Origin: null} (sandboxed frames,
 * redirects across sites) is refused: it never names this service.</li>
 * </ul>
 * This service's own origin is the origin of {@code incident-desk.public-url}, and also
 * the origin of the request itself as the server sees it (scheme, {@code Host} header,
 * port; behind a proxy, its {@code X-Forwarded-*} headers where they are trusted). The
 * second is what a browser sends when it talks to this server under an address other than
 * the public one (a local run, the tests on a random port, an internal host name). It
 * opens nothing to another site: a page of another site cannot make a browser send a
 * request to this server whose {@code Host} header names that other site, and a browser
 * that was tricked into resolving another site's name to this server (DNS rebinding) does
 * not send this server's credentials or cookies with it.
 * <p>
 * A request with neither header, as API clients outside a browser send them, is not
 * refused.
 */
@Component
public class CrossSiteChanges implements RequestMatcher {

	private static final String FETCH_SITE = "Sec-Fetch-Site";

	private static final String ORIGIN = "Origin";

	/**
	 * A refusal quotes the Origin it got up to this length: the sender chose the header.
	 */
	private static final int SHOWN_ORIGIN_LENGTH = 100;

	private final String publicOrigin;

	/** The public origin as configured, to name it in a refusal. */
	private final String publicOriginShown;

	CrossSiteChanges(@Value("${incident-desk.public-url:http://localhost:8080}") URI publicUrl) {
		if (publicUrl.getScheme() == null || publicUrl.getHost() == null) {
			throw new IllegalArgumentException(
					"incident-desk.public-url must be an absolute http(s) address, e.g. https://desk.example.com");
		}
		this.publicOrigin = origin(publicUrl.getScheme(), publicUrl.getHost(), publicUrl.getPort());
		this.publicOriginShown = publicUrl.getScheme() + "://" + publicUrl.getHost()
				+ ((publicUrl.getPort() < 0) ? "" : ":" + publicUrl.getPort());
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return refusal(request) != null;
	}

	/**
	 * Why this request is refused as a change from another site, for the client to read;
	 * null if it is not.
	 */
	String refusal(HttpServletRequest request) {
		// Only the browser's own request is judged: the forward to a refusal page or the
		// error page is this server's doing, and judging it again would refuse the
		// refusal, over and over.
		if (request.getDispatcherType() != DispatcherType.REQUEST || !SecurityConfig.changesSomething(request)) {
			return null;
		}
		String fetchSite = request.getHeader(FETCH_SITE);
		if ("cross-site".equalsIgnoreCase(fetchSite) || "same-site".equalsIgnoreCase(fetchSite)) {
			return "A page of another site may not change anything here: the browser sent this change from another site ("
					+ FETCH_SITE + ": " + fetchSite.toLowerCase(Locale.ROOT) + "). Use the API from your own client.";
		}
		for (String origin : Collections.list(request.getHeaders(ORIGIN))) {
			if (!isOwn(origin, request)) {
				return "A page of another site may not change anything here: the browser sent this change from "
						+ shown(origin) + " (" + ORIGIN + " header), not from " + this.publicOriginShown
						+ ". Use the API from your own client.";
			}
		}
		return null;
	}

	private boolean isOwn(String origin, HttpServletRequest request) {
		URI uri;
		try {
			uri = new URI(origin.trim());
		}
		catch (URISyntaxException ex) {
			return false;
		}
		if (uri.getScheme() == null || uri.getHost() == null) {
			// "null", or nothing a browser sends
			return false;
		}
		String sent = origin(uri.getScheme(), uri.getHost(), uri.getPort());
		return sent.equals(this.publicOrigin)
				|| sent.equals(origin(request.getScheme(), request.getServerName(), request.getServerPort()));
	}

	private static String origin(String scheme, String host, int port) {
		String lowerScheme = scheme.toLowerCase(Locale.ROOT);
		int effectivePort = port;
		if (port < 0) {
			effectivePort = "https".equals(lowerScheme) ? 443 : 80;
		}
		return lowerScheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + effectivePort;
	}

	private static String shown(String origin) {
		String trimmed = origin.strip();
		return "'" + ((trimmed.length() > SHOWN_ORIGIN_LENGTH) ? trimmed.substring(0, SHOWN_ORIGIN_LENGTH) + "..."
				: trimmed) + "'";
	}

}
