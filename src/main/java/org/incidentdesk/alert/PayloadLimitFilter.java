package org.incidentdesk.alert;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.incidentdesk.system.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes with 413. Tomcat limits only form
 * posts, so a JSON body would otherwise be read whole, however large. A declared length
 * is checked before anything is read. A body without one (chunked) is read here, up to
 * one byte over the limit: an error thrown while the JSON reader reads would reach the
 * client as "invalid JSON" instead.
 */
class PayloadLimitFilter extends OncePerRequestFilter {

	static final int MAX_BYTES = 1024 * 1024;

	static final String DETAIL = "The request body is larger than 1 MB. Send fewer alerts per notification"
			+ " (Alertmanager: max_alerts in the webhook receiver).";

	private final ObjectMapper json;

	PayloadLimitFilter(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > MAX_BYTES) {
			refuse(request, response);
			return;
		}
		if (declared >= 0) {
			// The container reads no more than the declared length.
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
		if (body.length > MAX_BYTES) {
			refuse(request, response);
			return;
		}
		chain.doFilter(new BufferedRequest(request, body), response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// The client may still be sending; closing the connection stops it.
		response.setHeader("Connection", "close");
		ProblemResponses.send(request, response, this.json, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", DETAIL);
	}

	/** The request with its body, already read, served from memory. */
	private static final class BufferedRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private final ServletInputStream stream;

		BufferedRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
			this.stream = new BufferedStream(new ByteArrayInputStream(body));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(this.stream,
					(encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8));
		}

	}

	private static final class BufferedStream extends ServletInputStream {

		private final ByteArrayInputStream in;

		BufferedStream(ByteArrayInputStream in) {
			this.in = in;
		}

		@Override
		public int read() {
			return this.in.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.in.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.in.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("The body was read already; there is nothing to wait for.");
		}

	}

}
