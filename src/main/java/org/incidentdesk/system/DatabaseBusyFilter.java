package org.incidentdesk.system;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After}, not 500, when a request found no free database
 * connection in time outside the controllers' reach: in the sign-in (HTTP Basic asks the
 * identity service), in Camunda's REST API or its webapps. The controllers' own requests
 * get the same answer from {@code ApiExceptionHandler}. Nothing was written: the request
 * had no transaction to write in.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseBusyFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseBusyFilter.class);

	/** What a busy answer tells the client, here and in {@code ApiExceptionHandler}. */
	static final String DETAIL = "The service is too busy to carry out this request now; nothing was changed."
			+ " Send it again in a few seconds.";

	private static final String BODY = "{\"type\":\"about:blank\",\"title\":\"Busy\",\"status\":503,\"detail\":\""
			+ DETAIL + "\"}";

	/** The browser protections every answer carries, the busy one too. */
	private static final List<String> KEPT_HEADERS = List.of("Referrer-Policy", "X-Content-Type-Options",
			"X-Frame-Options", "Strict-Transport-Security", "Content-Security-Policy");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!isNoConnection(ex) || response.isCommitted()) {
				throw ex;
			}
			logger.warn("Request {} not carried out because no database connection was free: {}",
					request.getRequestURI(), ex.toString());
			// The reset drops what the failed request set, and with it the headers the
			// security chain wrote on its way out; those stay.
			Map<String, List<String>> kept = new LinkedHashMap<>();
			for (String header : KEPT_HEADERS) {
				kept.put(header, List.copyOf(response.getHeaders(header)));
			}
			response.reset();
			kept.forEach((header, values) -> values.forEach(value -> response.addHeader(header, value)));
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(BODY);
		}
	}

	static boolean isNoConnection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof CannotGetJdbcConnectionException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

}
