package org.incidentdesk.portal;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every portal page needs besides its own content: who is signed in (and whether an
 * administrator, for the administration links), the path and query for the language
 * switch, and the formatter. Portal pages also get the reader ({@link Readers}): the name
 * to address them by, and the formatter in their time zone. Error pages get the rest
 * through {@link #common}, with times in UTC.
 */
@ControllerAdvice(basePackageClasses = PortalModel.class)
class PortalModel {

	private static final PortalFormat FORMAT = new PortalFormat();

	/**
	 * Through a provider: web slice tests of the API load every controller advice, this
	 * one too, but not the portal's components.
	 */
	private final ObjectProvider<Readers> readers;

	PortalModel(ObjectProvider<Readers> readers) {
		this.readers = readers;
	}

	@ModelAttribute
	void common(Model model, HttpServletRequest request) {
		model.addAllAttributes(common(request));
		Readers readers = this.readers.getIfAvailable();
		if (readers != null && model.getAttribute("user") instanceof CurrentUser user) {
			Readers.Reader reader = readers.of(user, request);
			model.addAttribute("reader", reader);
			model.addAttribute("fmt", new PortalFormat(reader.zone()));
		}
	}

	/**
	 * The query the language switch keeps (a list's filters and page, the dashboard's
	 * organisation), as the browser sent it, without {@code lang} and {@code _csrf}; none
	 * for an empty one.
	 */
	static String keptQuery(String query) {
		if (query == null || query.isBlank()) {
			return null;
		}
		String kept = UriComponentsBuilder.newInstance()
			.query(query)
			.replaceQueryParam("lang")
			.replaceQueryParam("_csrf")
			.build()
			.getQuery();
		return (kept == null || kept.isBlank()) ? null : kept;
	}

	static Map<String, Object> common(HttpServletRequest request) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		Object user = (authentication != null && authentication.getPrincipal() instanceof CurrentUser signedIn)
				? signedIn : null;
		var attributes = new HashMap<String, Object>();
		attributes.put("fmt", FORMAT);
		attributes.put("currentPath", request.getRequestURI().substring(request.getContextPath().length()));
		attributes.put("currentQuery", "GET".equals(request.getMethod()) ? keptQuery(request.getQueryString()) : null);
		if (user != null) {
			attributes.put("user", user);
			attributes.put("administrator", AccessPolicy.isAdministrator((CurrentUser) user));
			attributes.put("readsReports", AccessPolicy.readsReports((CurrentUser) user));
		}
		return attributes;
	}

}
