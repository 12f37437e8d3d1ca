package org.incidentdesk.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.incidentdesk.incident.IllegalIncidentStateException;
import org.incidentdesk.incident.IncidentNotFoundException;
import org.incidentdesk.knowledge.UnknownArticleException;
import org.incidentdesk.portal.internal.PortalLocaleResolver;
import org.incidentdesk.system.DatabaseFailures;
import org.incidentdesk.system.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors on portal pages become a page in the reader's language, not the API's problem
 * JSON: an incident or article one may not see is "not found", bad input is a 400, an
 * upload over the limit a 413, a database that is busy or restarting a 503. Asked before
 * the application's exception handlers, and only for portal paths.
 */
@Component
class PortalErrorPages implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(PortalErrorPages.class);

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!PortalLocaleResolver.isPortal(request)) {
			return null;
		}
		if (ex instanceof IncidentNotFoundException || ex instanceof UnknownArticleException) {
			return page(request, HttpStatus.NOT_FOUND, "error.notFound");
		}
		if (ex instanceof MaxUploadSizeExceededException || ex instanceof MultipartException) {
			// A report's fields come in the same body as its files: nothing was read,
			// so nothing was reported, and the page says so.
			boolean report = request.getRequestURI().endsWith("/portal/incidents/new");
			return page(request, HttpStatus.PAYLOAD_TOO_LARGE, report ? "report.tooLarge" : "error.tooLarge");
		}
		if (ex instanceof TypeMismatchException || ex instanceof BindException
				|| ex instanceof ServletRequestBindingException || ex instanceof HttpMessageNotReadableException) {
			return page(request, HttpStatus.BAD_REQUEST, "error.badRequest");
		}
		if (ex instanceof IllegalIncidentStateException) {
			return page(request, HttpStatus.CONFLICT, "error.conflict");
		}
		if (ex instanceof DomainException refused) {
			return page(request, statusOf(refused.kind()), messageFor(statusOf(refused.kind())));
		}
		if (ex instanceof ErrorResponse error) {
			return page(request, error.getStatusCode(), messageFor(error.getStatusCode()));
		}
		if (DatabaseFailures.isNoConnection(ex)) {
			// The database is busy or restarting, not the page broken: try again shortly.
			log.warn("Portal page {} not shown because the database is busy or cannot be reached: {}",
					request.getRequestURI(), ex.toString());
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			return page(request, HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable");
		}
		log.error("Portal page {} failed", request.getRequestURI(), ex);
		return page(request, HttpStatus.INTERNAL_SERVER_ERROR, "error.internal");
	}

	static ModelAndView page(HttpServletRequest request, HttpStatusCode status, String messageKey) {
		ModelAndView page = new ModelAndView("portal/error", PortalModel.common(request));
		page.addObject("status", status.value());
		page.addObject("messageKey", messageKey);
		page.setStatus(status);
		return page;
	}

	/**
	 * The status of a refusal the page did not handle itself, as the API answers it (for
	 * example an organisation that does not exist, or a function only administrators
	 * use).
	 */
	private static HttpStatus statusOf(DomainException.Kind kind) {
		return switch (kind) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
			case CONFLICT -> HttpStatus.CONFLICT;
			case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
			default -> HttpStatus.BAD_REQUEST;
		};
	}

	private static String messageFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 403 -> "error.forbidden";
			case 404 -> "error.notFound";
			case 409 -> "error.conflict";
			case 413 -> "error.tooLarge";
			default -> status.is4xxClientError() ? "error.badRequest" : "error.internal";
		};
	}

}
