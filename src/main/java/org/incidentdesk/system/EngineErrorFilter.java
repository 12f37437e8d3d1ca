package org.incidentdesk.system;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Camunda's REST API ({@code /engine-rest}) and the webapps' engine API
 * ({@code /camunda/api}) answer many of a person's mistakes with a 500: an unknown id, an
 * id of another tenant, a negative page, a JSON body nested thousands of levels deep, a
 * password the policy refuses, the deletion of a process's task. This filter holds back
 * their error answers, reads Camunda's {@code {"type", "message"}} body and answers a 4xx
 * in the same shape, with a message that says what to change:
 * <ul>
 * <li>another tenant's id answers exactly as an unknown id does: 404, "There is no task
 * with id '…', or it belongs to a customer organisation you do not serve.", whatever
 * Camunda said for either (its tenant check answers 500 "ENGINE-13034");</li>
 * <li>a body deeper than Jackson reads ({@link StreamReadConstraints}): 400;</li>
 * <li>a refusal of the process ({@link EngineRefusals}), such as a task outcome that does
 * not fit: 400 with its message alone, in the user's language if the refusal is a
 * {@link WordedRefusal} (Indonesian for a user whose locale is {@code id}, or without one
 * for a request that asks for it first, {@code Accept-Language: id}), and HTML-escaped
 * for the webapps, whose Tasklist shows an error's message as HTML;</li>
 * <li>a password the policy refuses: 400 naming the broken rules;</li>
 * <li>a task of a running process deleted: 400, it is finished by completing it;</li>
 * <li>a concurrent change: 409;</li>
 * <li>a 4xx without a message (Jersey's and Jackson's plain text): the same status, with
 * one.</li>
 * </ul>
 * Two mistakes are refused before the engine API sees them: a body larger than
 * {@code incident-desk.engine-api.max-body-size} (413), and {@code firstResult} or
 * {@code maxResults} that is not a whole number from 0 up (400).
 * <p>
 * The webapps' JAX-RS application takes no exception mappers of ours, so this works on
 * the answer, after the fact, and so the same way on both. Whatever stays a 500 is a
 * fault of the server and is logged here at ERROR (Camunda logs its stack trace). Answers
 * below 400, 401 and 403 stream through untouched.
 */
class EngineErrorFilter extends OncePerRequestFilter {

	static final String[] PATTERNS = { "/engine-rest/*", "/camunda/api/*" };

	/**
	 * The engine's tenant check failed: the thing belongs to a tenant the user does not
	 * serve.
	 */
	static final String TENANT_CHECK_FAILED = "ENGINE-13034";

	static final String NOT_VISIBLE = "Not found: it does not exist, or it belongs to a customer organisation you do not serve.";

	private static final String PROCESS_TASK = "A task of a running process cannot be deleted: it is finished by completing it"
			+ " (POST /task/{id}/complete, or in Tasklist).";

	/**
	 * Resources that belong to a tenant, whose ids must not tell another tenant's from
	 * none.
	 */
	private static final Set<String> TENANT_RESOURCES = Set.of("task", "process-instance", "execution", "job",
			"external-task", "incident", "variable-instance", "event-subscription", "case-instance", "case-execution",
			"process-definition", "decision-definition", "decision-requirements-definition", "case-definition",
			"deployment", "job-definition");

	/** How Camunda says that an id names nothing, depending on the resource. */
	private static final Pattern NOT_FOUND = Pattern
		.compile("(?i)does(?: not|n't) exist|cannot find|can't find|no matching|not found|\\bno\\b.{1,40}\\bfound\\b");

	private static final String RUNNING_PROCESS_TASK = "cannot be deleted because is part of a running";

	private static final String PASSWORD_POLICY = "Password does not match policy";

	/** The key of a user's language in Camunda's user info ({@code en} or {@code id}). */
	private static final String USER_LOCALE = "locale";

	private static final Logger log = LoggerFactory.getLogger(EngineErrorFilter.class);

	private final ProcessEngine engine;

	private final ObjectMapper json;

	private final long maxBodyBytes;

	EngineErrorFilter(ProcessEngine engine, ObjectMapper json, EngineApiSettings settings) {
		this.engine = engine;
		this.json = json;
		this.maxBodyBytes = settings.maxBodySize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBodyBytes) {
			write(response, tooLarge());
			return;
		}
		EngineCall call = EngineCall.of(request.getMethod(),
				request.getRequestURI().substring(request.getContextPath().length()), request.getQueryString());
		// Checked first: what a negative page answers depends on the database (H2 takes
		// LIMIT -1 for no limit, PostgreSQL fails).
		if (call.pagingProblem() != null) {
			write(response, Answer.badRequest(call.pagingProblem()));
			return;
		}
		LimitedRequest limited = new LimitedRequest(request, this.maxBodyBytes,
				call.createsUser() || call.changesCredentials());
		// Camunda deletes an unknown task without a word: whether it was there must be
		// known before.
		TaskFacts task = call.deletesTask() ? task(call.id()) : null;
		HeldResponse held = new HeldResponse(response, call.deletesTask(),
				this.engine.getIdentityService()::getCurrentAuthentication);
		BadUserRequestException refusal;
		RuntimeException databaseFailure;
		try (EngineRefusals.Recording refusals = EngineRefusals.record()) {
			chain.doFilter(limited, held);
			refusal = refusals.last();
			databaseFailure = refusals.databaseFailure();
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!limited.overflowed() || response.isCommitted()) {
				throw ex;
			}
			response.reset();
			write(response, tooLarge());
			return;
		}
		if (request.isAsyncStarted()) {
			// Long polling (fetchAndLock): the answer comes later, from another thread.
			held.release();
			return;
		}
		if (!held.holding()) {
			return;
		}
		if (databaseFailure != null && held.status() >= 500) {
			// The database, not the request: 503 as everywhere else (DatabaseBusyFilter).
			log.warn("{} {} not carried out for want of a database connection: {}", request.getMethod(),
					request.getRequestURI(), databaseFailure.toString());
			held.discard();
			DatabaseBusyFilter.writeUnavailable(response, databaseFailure);
			return;
		}
		Answer answer = answer(call, limited, held, task, refusal);
		if (answer == null) {
			if (held.status() >= 500) {
				String body = new String(held.body(), StandardCharsets.UTF_8);
				log.error("{} {} failed with {}: {}", request.getMethod(), request.getRequestURI(), held.status(),
						(body.length() > 2000) ? body.substring(0, 2000) + "…" : body);
			}
			held.release();
			return;
		}
		log.debug("{} {} answered {} instead of {}", request.getMethod(), request.getRequestURI(), answer.status(),
				held.status());
		held.discard();
		write(response, answer);
	}

	private Answer answer(EngineCall call, LimitedRequest request, HeldResponse held, TaskFacts task,
			BadUserRequestException refusal) {
		if (request.overflowed()) {
			return tooLarge();
		}
		int status = held.status();
		if (status < 400) {
			// Only the deletion of a task is held on success.
			return (task != null && !task.existed()) ? notVisible(call, call.id()) : null;
		}
		EngineError error = read(held.body());
		if (error == null) {
			return null;
		}
		String message = (error.message() != null) ? error.message() : "";
		if ("StreamConstraintsException".equals(error.type())) {
			return Answer.badRequest(message.contains("nesting depth")
					? "The JSON body is nested more than " + StreamReadConstraints.defaults().getMaxNestingDepth()
							+ " levels deep. Send a flatter one."
					: "The JSON body holds more than the engine API reads: " + message);
		}
		if (status < 500 && message.isBlank()) {
			return new Answer(status, (error.type() != null) ? error.type() : "InvalidRequestException",
					explain(call, status, held.body()));
		}
		// A worded refusal is also answered when Camunda's REST API made it a 400 already
		// (RejectedOutcomeMapper), for its language and its type.
		if ((status >= 500 || (status == HttpStatus.BAD_REQUEST.value() && refusal instanceof WordedRefusal))
				&& refusal != null && refusal.getMessage() != null && message.contains(refusal.getMessage())) {
			// Only the refusal's words: not the engine's code, nor "Cannot submit task
			// form <id>", which Tasklist would show its user.
			String reason = (refusal instanceof WordedRefusal worded) ? worded.message(language(request, held.caller()))
					: refusal.getMessage();
			boolean webapp = request.getRequestURI().startsWith(request.getContextPath() + "/camunda/");
			return new Answer(HttpStatus.BAD_REQUEST.value(), "BadUserRequestException",
					webapp ? HtmlUtils.htmlEscape(reason, StandardCharsets.UTF_8.name()) : reason);
		}
		if (message.contains(TENANT_CHECK_FAILED) || namesNothing(call, message)) {
			return notVisible(call, message);
		}
		if (task != null && message.contains(RUNNING_PROCESS_TASK)) {
			return serves(held.caller(), task.tenantId()) ? Answer.badRequest(PROCESS_TASK)
					: notVisible(call, call.id());
		}
		if (message.equals(PASSWORD_POLICY)) {
			return Answer.badRequest(passwordRefusal(call, request.kept()));
		}
		if ("OptimisticLockingException".equals(error.type())) {
			return new Answer(HttpStatus.CONFLICT.value(), error.type(),
					"Somebody changed this at the same moment. Reload it and try again.");
		}
		return null;
	}

	/**
	 * The language to answer the caller in: the user's own ({@code locale} in their user
	 * info, which the administration API sets and mail uses too), else the one the
	 * request asks for first ({@code Accept-Language}, which browsers send with
	 * Tasklist's calls), else English.
	 */
	private Locale language(HttpServletRequest request, Authentication caller) {
		String own = (caller != null && caller.getUserId() != null)
				? this.engine.getIdentityService().getUserInfo(caller.getUserId(), USER_LOCALE) : null;
		if (own != null && !own.isBlank()) {
			return WordedRefusal.supported(Locale.forLanguageTag(own.strip()));
		}
		return (request.getHeader("Accept-Language") != null) ? WordedRefusal.supported(request.getLocale())
				: Locale.ENGLISH;
	}

	/**
	 * A message for a 4xx that came without one: Jersey's and Jackson's own answers are
	 * plain text, or nothing.
	 */
	private static String explain(EngineCall call, int status, byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (!text.isEmpty() && text.length() <= 1000 && !text.startsWith("{") && !text.startsWith("<")) {
			return (status == HttpStatus.BAD_REQUEST.value()) ? "The request cannot be read: " + text : text;
		}
		return switch (status) {
			case 400 -> "The request cannot be read. Check its parameters and JSON body against Camunda's REST API"
					+ " reference.";
			case 404 -> "There is no such resource.";
			case 405 -> "This resource does not take " + call.method() + ".";
			case 406 -> "This resource answers in JSON: accept application/json.";
			case 415 -> "Send the body as application/json.";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield (known != null) ? known.getReasonPhrase() + "." : "The request was refused.";
			}
		};
	}

	/**
	 * The path names a tenant's resource by id, and the message names that id. A path
	 * without a resource kind (a webapp's own address) names none.
	 */
	private static boolean namesTenantResource(EngineCall call, String message) {
		return call.kind() != null && TENANT_RESOURCES.contains(call.kind()) && call.named(message);
	}

	/** Camunda's answer says that the id in the path names nothing. */
	private static boolean namesNothing(EngineCall call, String message) {
		return namesTenantResource(call, message) && NOT_FOUND.matcher(message).find();
	}

	/**
	 * Not there: the same answer for an unknown id and for another tenant's. It names the
	 * id if Camunda's message did, which it does for both or for neither.
	 */
	private static Answer notVisible(EngineCall call, String message) {
		if (namesTenantResource(call, message)) {
			return new Answer(HttpStatus.NOT_FOUND.value(), "InvalidRequestException",
					"There is no " + call.kindInWords() + " with " + call.idName() + " '" + call.id()
							+ "', or it belongs to a customer organisation you do not serve.");
		}
		return new Answer(HttpStatus.NOT_FOUND.value(), "InvalidRequestException", NOT_VISIBLE);
	}

	private Answer tooLarge() {
		long megabytes = this.maxBodyBytes / (1024 * 1024);
		String limit = (megabytes > 0) ? megabytes + " MB" : this.maxBodyBytes + " bytes";
		return new Answer(HttpStatus.PAYLOAD_TOO_LARGE.value(), "InvalidRequestException",
				"The request body is larger than " + limit + ", the most this API takes.");
	}

	/**
	 * Whether the engine's tenant check lets the caller at a thing of this tenant, as
	 * Camunda decides it: without a tenant, for administrators, or for members of the
	 * tenant.
	 */
	private boolean serves(Authentication caller, String tenantId) {
		ProcessEngineConfigurationImpl configuration = configuration();
		if (tenantId == null || caller == null || !configuration.isTenantCheckEnabled()) {
			return true;
		}
		if (configuration.getAdminUsers() != null && configuration.getAdminUsers().contains(caller.getUserId())) {
			return true;
		}
		if (caller.getGroupIds() != null && configuration.getAdminGroups() != null
				&& caller.getGroupIds().stream().anyMatch(configuration.getAdminGroups()::contains)) {
			return true;
		}
		return caller.getTenantIds() != null && caller.getTenantIds().contains(tenantId);
	}

	/** The task with this id, read without the caller's authorizations and tenants. */
	private TaskFacts task(String id) {
		TaskEntity task = configuration().getCommandExecutorTxRequired()
			.execute(context -> context.getTaskManager().findTaskById(id));
		return (task != null) ? new TaskFacts(true, task.getTenantId()) : new TaskFacts(false, null);
	}

	/**
	 * Which of the policy's rules the refused password breaks, from the request Camunda
	 * refused: the same words as the administration API's.
	 */
	private String passwordRefusal(EngineCall call, byte[] body) {
		String rules = "The password does not meet the password policy; GET /engine-rest/identity/password-policy"
				+ " lists its rules.";
		if (body == null) {
			return rules;
		}
		try {
			JsonNode request = this.json.readTree(body);
			IdentityService identity = this.engine.getIdentityService();
			String password;
			UserEntity user;
			if (call.createsUser()) {
				JsonNode profile = request.path("profile");
				password = request.path("credentials").path("password").asText(null);
				user = new UserEntity(profile.path("id").asText(null));
				user.setFirstName(profile.path("firstName").asText(null));
				user.setLastName(profile.path("lastName").asText(null));
				user.setEmail(profile.path("email").asText(null));
			}
			else {
				password = request.path("password").asText(null);
				user = new UserEntity(call.id());
				User existing = identity.createUserQuery().userId(call.id()).singleResult();
				if (existing != null) {
					user.setFirstName(existing.getFirstName());
					user.setLastName(existing.getLastName());
					user.setEmail(existing.getEmail());
				}
			}
			PasswordPolicy policy = identity.getPasswordPolicy();
			if (policy == null || password == null) {
				return rules;
			}
			PasswordPolicyResult result = identity.checkPasswordAgainstPolicy(policy, password, user);
			return result.isValid() ? rules : PasswordRules.refusal(result.getViolatedRules());
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Could not tell which password rules the request broke", ex);
			return rules;
		}
	}

	private ProcessEngineConfigurationImpl configuration() {
		return (ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration();
	}

	/**
	 * Camunda's error body; type and message are null if it is not JSON. Null for a JSON
	 * object without a message: another's answer, such as a guard's problem detail.
	 */
	private EngineError read(byte[] body) {
		try {
			JsonNode node = this.json.readTree(body);
			if (node != null && node.isObject()) {
				return node.has("message")
						? new EngineError(node.path("type").asText(null), node.path("message").asText(null)) : null;
			}
		}
		catch (IOException ex) {
			// not Camunda's JSON: a servlet container's or Spring's error page
		}
		return new EngineError(null, null);
	}

	private void write(HttpServletResponse response, Answer answer) throws IOException {
		byte[] body = this.json.writeValueAsBytes(new EngineError(answer.type(), answer.message()));
		response.setStatus(answer.status());
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** The body of Camunda's error answers. */
	record EngineError(String type, String message) {

	}

	/** What to answer instead. */
	record Answer(int status, String type, String message) {

		static Answer badRequest(String message) {
			return new Answer(HttpStatus.BAD_REQUEST.value(), "InvalidRequestException", message);
		}

	}

	/** Whether a task was there before the request, and its tenant. */
	private record TaskFacts(boolean existed, String tenantId) {

	}

	/**
	 * The request, with a body read no further than the limit: a body sent without a
	 * length (chunked) is counted as it is read. Keeps what was read if asked to.
	 */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long max;

		private final ByteArrayOutputStream kept;

		private ServletInputStream stream;

		private BufferedReader reader;

		private boolean overflowed;

		LimitedRequest(HttpServletRequest request, long max, boolean keep) {
			super(request);
			this.max = max;
			this.kept = keep ? new ByteArrayOutputStream() : null;
		}

		boolean overflowed() {
			return this.overflowed;
		}

		byte[] kept() {
			return (this.kept != null) ? this.kept.toByteArray() : null;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getInputStream());
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				String encoding = getCharacterEncoding();
				this.reader = new BufferedReader(new InputStreamReader(getInputStream(),
						(encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8));
			}
			return this.reader;
		}

		private final class CountingStream extends ServletInputStream {

			private final ServletInputStream in;

			private long count;

			CountingStream(ServletInputStream in) {
				this.in = in;
			}

			@Override
			public int read() throws IOException {
				int b = this.in.read();
				if (b >= 0) {
					counted(1);
					if (LimitedRequest.this.kept != null) {
						LimitedRequest.this.kept.write(b);
					}
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int read = this.in.read(buffer, offset, length);
				if (read > 0) {
					counted(read);
					if (LimitedRequest.this.kept != null) {
						LimitedRequest.this.kept.write(buffer, offset, read);
					}
				}
				return read;
			}

			private void counted(int bytes) throws IOException {
				this.count += bytes;
				if (this.count > LimitedRequest.this.max) {
					LimitedRequest.this.overflowed = true;
					throw new IOException("The request body is larger than " + LimitedRequest.this.max + " bytes");
				}
			}

			@Override
			public boolean isFinished() {
				return this.in.isFinished();
			}

			@Override
			public boolean isReady() {
				return this.in.isReady();
			}

			@Override
			public void setReadListener(ReadListener listener) {
				this.in.setReadListener(listener);
			}

		}

	}

}
