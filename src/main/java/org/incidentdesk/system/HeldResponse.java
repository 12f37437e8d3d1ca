package org.incidentdesk.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;

/**
 * A response of the engine API that passes everything through, except an error answer
 * (not 401 or 403), whose body it keeps for {@link EngineErrorFilter} to read and then
 * {@linkplain #release() send} or {@linkplain #discard() replace}. It can hold successes
 * too. When it starts holding, the engine API is still answering within Camunda's
 * authentication, so it notes who the caller is.
 */
final class HeldResponse extends HttpServletResponseWrapper {

	private final boolean holdSuccess;

	private final Supplier<Authentication> callers;

	private ByteArrayOutputStream held;

	private PrintWriter writer;

	private int status = SC_OK;

	private Authentication caller;

	private boolean released;

	HeldResponse(HttpServletResponse response, boolean holdSuccess, Supplier<Authentication> callers) {
		super(response);
		this.holdSuccess = holdSuccess;
		this.callers = callers;
	}

	boolean holding() {
		return this.held != null;
	}

	int status() {
		return this.status;
	}

	/** Who was signed in when the answer was given; null if nobody. */
	Authentication caller() {
		return this.caller;
	}

	byte[] body() {
		if (this.writer != null) {
			this.writer.flush();
		}
		return this.held.toByteArray();
	}

	/** Sends the held answer as it was given, if any, and holds nothing from now on. */
	void release() throws IOException {
		this.released = true;
		if (this.held == null) {
			return;
		}
		byte[] body = body();
		this.held = null;
		getResponse().setContentLength(body.length);
		getResponse().getOutputStream().write(body);
	}

	/** Forgets the held answer, whose status and headers are then replaced. */
	void discard() {
		this.held = null;
		getResponse().resetBuffer();
	}

	@Override
	public void setStatus(int status) {
		this.status = status;
		boolean error = status >= 400 && status != SC_UNAUTHORIZED && status != SC_FORBIDDEN;
		if (this.held == null && !this.released && (error || (this.holdSuccess && status < 400))) {
			this.held = new ByteArrayOutputStream();
			this.caller = this.callers.get();
		}
		super.setStatus(status);
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.held == null) {
			return super.getOutputStream();
		}
		ByteArrayOutputStream target = this.held;
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
		if (this.held == null) {
			return super.getWriter();
		}
		if (this.writer == null) {
			this.writer = new PrintWriter(new OutputStreamWriter(this.held, StandardCharsets.UTF_8));
		}
		return this.writer;
	}

	@Override
	public void setContentLength(int length) {
		if (this.held == null) {
			super.setContentLength(length);
		}
	}

	@Override
	public void setContentLengthLong(long length) {
		if (this.held == null) {
			super.setContentLengthLong(length);
		}
	}

	@Override
	public void setHeader(String name, String value) {
		if (this.held == null || !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
			super.setHeader(name, value);
		}
	}

	@Override
	public void addHeader(String name, String value) {
		if (this.held == null || !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
			super.addHeader(name, value);
		}
	}

	@Override
	public void setIntHeader(String name, int value) {
		if (this.held == null || !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
			super.setIntHeader(name, value);
		}
	}

	@Override
	public void flushBuffer() throws IOException {
		if (this.held == null) {
			super.flushBuffer();
		}
	}

	@Override
	public void resetBuffer() {
		if (this.held != null) {
			this.held.reset();
		}
		super.resetBuffer();
	}

	@Override
	public void reset() {
		super.reset();
		this.held = null;
		this.writer = null;
		this.status = SC_OK;
	}

}
