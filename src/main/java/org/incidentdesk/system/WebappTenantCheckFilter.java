package org.incidentdesk.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps' own copy of the engine API ({@code /camunda/api/engine}) is a JAX-RS
 * application whose providers cannot be extended, so its answer to the engine's failed
 * tenant check (a 500) is turned into the same 404 as on {@code /engine-rest}
 * ({@link TenantCheckMapper}) here, after the fact.
 */
class WebappTenantCheckFilter extends OncePerRequestFilter {

	static final String PATTERN = "/camunda/api/engine/*";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var buffered = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, buffered);
		if (buffered.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR
				&& new String(buffered.getContentAsByteArray(), StandardCharsets.UTF_8)
					.contains("\"message\":\"" + TenantCheckMapper.TENANT_CHECK_FAILED)) {
			buffered.resetBuffer();
			buffered.setStatus(HttpServletResponse.SC_NOT_FOUND);
			buffered.setContentType(MediaType.APPLICATION_JSON_VALUE);
			buffered.getOutputStream()
				.write(("{\"type\":\"InvalidRequestException\",\"message\":\"" + TenantCheckMapper.NOT_VISIBLE + "\"}")
					.getBytes(StandardCharsets.UTF_8));
		}
		buffered.copyBodyToResponse();
	}

}
