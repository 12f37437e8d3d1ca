package org.incidentdesk.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' own copy of the engine API ({@code /camunda/api/engine}) is a JAX-RS
 * application whose providers cannot be extended, so its answer to the engine's failed
 * tenant check (a 500) is turned into the same 404 as on {@code /engine-rest}
 * ({@link TenantCheckMapper}) here, after the fact. Only a 500 answer is held back to be
 * read; every other answer streams through untouched.
 */
class WebappTenantCheckFilter extends OncePerRequestFilter {

	static final String PATTERN = "/camunda/api/engine/*";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ErrorCatcher catcher = new ErrorCatcher(response);
		chain.doFilter(request, catcher);
		if (catcher.caught == null) {
			return;
		}
		byte[] body = catcher.body();
		if (new String(body, StandardCharsets.UTF_8)
			.contains("\"message\":\"" + TenantCheckMapper.TENANT_CHECK_FAILED)) {
			body = ("{\"type\":\"InvalidRequestException\",\"message\":\"" + TenantCheckMapper.NOT_VISIBLE + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** Passes everything through, except the body of a 500, which it keeps. */
	private static final class ErrorCatcher extends HttpServletResponseWrapper {

		private ByteArrayOutputStream caught;

		private PrintWriter writer;

		ErrorCatcher(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setStatus(int status) {
			if (status == SC_INTERNAL_SERVER_ERROR && this.caught == null) {
				this.caught = new ByteArrayOutputStream();
			}
			super.setStatus(status);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.caught == null) {
				return super.getOutputStream();
			}
			ByteArrayOutputStream target = this.caught;
			return new ServletOutputStream() {

				@Override
				public void write(int b) {
					target.write(b);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) {
					target.write(bytes, offset, length);
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					throw new UnsupportedOperationException("Not asynchronous");
				}

			};
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.caught == null) {
				return super.getWriter();
			}
			if (this.writer == null) {
				this.writer = new PrintWriter(new OutputStreamWriter(this.caught, StandardCharsets.UTF_8));
			}
			return this.writer;
		}

		@Override
		public void setContentLength(int length) {
			if (this.caught == null) {
				super.setContentLength(length);
			}
		}

		@Override
		public void setContentLengthLong(long length) {
			if (this.caught == null) {
				super.setContentLengthLong(length);
			}
		}

		@Override
		public void flushBuffer() throws IOException {
			if (this.caught == null) {
				super.flushBuffer();
			}
		}

		byte[] body() {
			if (this.writer != null) {
				this.writer.flush();
			}
			return this.caught.toByteArray();
		}

	}

}
