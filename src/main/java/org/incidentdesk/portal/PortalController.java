package org.incidentdesk.portal;

import jakarta.servlet.http.HttpServletRequest;
import org.incidentdesk.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The portal's start: sign-in, the callers' home and, for staff, the way to Tasklist.
 */
@Controller
class PortalController {

	@GetMapping("/")
	String root() {
		return "redirect:/portal";
	}

	@GetMapping(PortalSecurityConfig.LOGIN)
	String login(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Model model) {
		if (user != null) {
			return "redirect:/portal";
		}
		model.addAttribute("loginError", request.getParameter("error") != null);
		model.addAttribute("loggedOut", request.getParameter("logout") != null);
		return "portal/login";
	}

	@GetMapping("/portal")
	String home(@AuthenticationPrincipal CurrentUser user) {
		return user.isCaller() ? "portal/home" : "portal/staff";
	}

	/**
	 * Where Spring Security sends a refused request, such as a form without its token.
	 */
	@RequestMapping("/portal/forbidden")
	ModelAndView forbidden(HttpServletRequest request) {
		return PortalErrorPages.page(request, HttpStatus.FORBIDDEN, "error.forbidden");
	}

}
