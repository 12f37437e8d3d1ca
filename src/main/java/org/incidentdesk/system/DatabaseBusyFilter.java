package org.incidentdesk.system;

import java.io.IOException;
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
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After}, not 500, when a request found no free database
 * connection in time, or could not reach the database at all (it is restarting, or the
 * connection broke), outside the controllers' reach: in the sign-in (HTTP Basic and the
 * portal's form ask the identity service), in the portal, in Camunda's REST API or its
 * webapps. The controllers' own requests get the same answer from
 * {@code ApiExceptionHandler}, and the engine API's from {@code EngineErrorFilter}. The
 * request's transaction, if it had one, was rolled back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseBusyFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseBusyFilter.class);

	/** What a busy answer tells the client, here and in {@code ApiExceptionHandler}. */
	static final String DETAIL = "The service is too busy to carry out this request now; nothing was changed."
			+ " Send it again in a few seconds.";

	/** What an answer for a database that cannot be reached tells the client. */
	static final String UNREACHABLE_DETAIL = "The service cannot reach its database right now; the request was not"
			+ " carried out. Send it again in a few seconds (a report sent again with the same Idempotency-Key"
			+ " is not created twice).";

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
			logger.warn("Request {} not carried out because {}: {}", request.getRequestURI(),
					isUnreachable(ex) ? "the database cannot be reached" : "no database connection was free",
					ex.toString());
			// The reset drops what the failed request set, and with it the headers the
			// security chain wrote on its way out; those stay.
			Map<String, List<String>> kept = new LinkedHashMap<>();
			for (String header : KEPT_HEADERS) {
				kept.put(header, List.copyOf(response.getHeaders(header)));
			}
			response.reset();
			kept.forEach((header, values) -> values.forEach(value -> response.addHeader(header, value)));
			writeUnavailable(response, ex);
		}
	}

	/** Writes the 503 problem detail for a request that failed on the database. */
	static void writeUnavailable(HttpServletResponse response, Throwable failure) throws IOException {
		boolean unreachable = isUnreachable(failure);
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title(failure) + "\",\"status\":503,\"detail\":\""
					+ (unreachable ? UNREACHABLE_DETAIL : DETAIL) + "\"}");
	}

	/** The problem's title for a request that failed on the database. */
	static String title(Throwable failure) {
		return isUnreachable(failure) ? "Database unavailable" : "Busy";
	}

	/** The problem's detail for a request that failed on the database. */
	static String detail(Throwable failure) {
		return isUnreachable(failure) ? UNREACHABLE_DETAIL : DETAIL;
	}

	static boolean isNoConnection(Throwable failure) {
		return DatabaseFailures.isNoConnection(failure);
	}

	static boolean isUnreachable(Throwable failure) {
		return DatabaseFailures.isUnreachable(failure);
	}

}
