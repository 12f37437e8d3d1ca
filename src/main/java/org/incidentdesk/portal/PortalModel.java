package org.incidentdesk.portal;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every portal page needs besides its own content: who is signed in (and whether an
 * administrator, for the administration links), the path for the language switch, and the
 * formatter. Error pages get the same through {@link #common}.
 */
@ControllerAdvice(basePackageClasses = PortalModel.class)
class PortalModel {

	private static final PortalFormat FORMAT = new PortalFormat();

	@ModelAttribute
	void common(Model model, HttpServletRequest request) {
		model.addAllAttributes(common(request));
	}

	static Map<String, Object> common(HttpServletRequest request) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		Object user = (authentication != null && authentication.getPrincipal() instanceof CurrentUser signedIn)
				? signedIn : null;
		var attributes = new HashMap<String, Object>();
		attributes.put("fmt", FORMAT);
		attributes.put("currentPath", request.getRequestURI().substring(request.getContextPath().length()));
		if (user != null) {
			attributes.put("user", user);
			attributes.put("administrator", AccessPolicy.isAdministrator((CurrentUser) user));
			attributes.put("readsReports", AccessPolicy.readsReports((CurrentUser) user));
		}
		return attributes;
	}

}
