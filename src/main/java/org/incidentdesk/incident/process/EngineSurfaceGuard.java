package org.incidentdesk.incident.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every way into the engine from outside ({@code /engine-rest}, and the webapps' copy of
 * it under {@code /camunda/api/engine}) is a way to change an incident, so it is checked
 * here like one, before the engine sees the request. Camunda's own authorizations and
 * tenant checks still apply afterwards; this adds what they cannot express.
 * <ul>
 * <li><b>Callers</b> have no business in the engine or the webapps: their surfaces are
 * the portal and {@code /api/v1}.</li>
 * <li><b>Incident tasks</b> end only through a checked completion
 * ({@link TaskOutcomeValidator}) that sets nothing but the fields of the task's form.
 * BPMN errors and escalations, deleting the task, and writing variables on an incident's
 * task, execution or process instance are refused for everyone: those variables mirror
 * the incident record and its routing, which only Incident Desk writes.</li>
 * <li><b>Task work</b> (claim, assign, comment, attach, complete) is for the task's
 * assignee, owner and candidates; a claim or assignment goes only to one of its
 * candidates. Read-only roles are never candidates, so they write nothing.</li>
 * <li><b>Jobs</b> (the SLA timers) are changed only by administrators, one at a time, and
 * each change is written on the incident's timeline. Anybody else is refused before the
 * engine runs anything, so a refused call never costs the job a retry.</li>
 * <li><b>Whole incidents</b> are not deleted, suspended, modified, migrated, started,
 * messaged or signalled through the engine; the incident API does those things with the
 * record.</li>
 * <li><b>Group and tenant queries</b> about another user answer as for an unknown user,
 * so nobody learns who exists in another organisation.</li>
 * </ul>
 * Where the thing named by an id is not visible to the user, the request goes on to the
 * engine, which answers exactly as for an id that does not exist.
 */
class EngineSurfaceGuard extends OncePerRequestFilter {

	static final String ENGINE_REST = "/engine-rest/";

	static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/";

	static final String WEBAPP_API = "/camunda/api/";

	private static final Logger log = LoggerFactory.getLogger(EngineSurfaceGuard.class);

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	/** Resources whose POST to the collection (or its count) is a query. */
	private static final Set<String> QUERYABLE = Set.of("task", "process-instance", "execution", "job",
			"variable-instance", "external-task", "case-instance", "case-execution");

	/** History endpoints that change history rather than query it. */
	private static final Set<String> HISTORY_CHANGES = Set.of("delete", "set-removal-time", "cleanup", "set-annotation",
			"clear-annotation");

	private static final Set<String> TASK_WORK = Set.of("claim", "unclaim", "assignee", "delegate", "complete",
			"submit-form", "resolve", "comment", "attachment", "");

	private static final Set<String> COMPLETIONS = Set.of("complete", "submit-form", "resolve");

	private static final Set<String> JOB_CHANGES = Set.of("execute", "retries", "duedate", "suspended", "priority", "");

	static final String CALLERS = "Callers use the portal (/portal) and the API (/api/v1); the engine's REST API and "
			+ "the Camunda webapps are for the provider's staff.";

	static final String FINISH_BY_COMPLETING = "A process task ends only when it is completed with its form, where "
			+ "the outcome is checked: POST /engine-rest/task/{id}/complete (or Complete in Tasklist).";

	static final String VARIABLES_ARE_THE_RECORD = "An incident's process variables mirror its record and its routing, "
			+ "so only Incident Desk writes them. Complete the task with its form's fields, or change the incident "
			+ "through /api/v1/incidents/{number}.";

	static final String WHOLE_INCIDENT = "An incident's process is not started, deleted, suspended, modified, "
			+ "migrated, messaged or signalled through the engine, which would leave the incident record behind. "
			+ "Report, withdraw, hold and resolve through /api/v1/incidents; the process follows the record.";

	static final String JOBS_ALWAYS_DUE = "A job needs a due date: the job executor takes only jobs whose due date "
			+ "has passed, so a job without one would never run. Send {\"duedate\": \"...\"} with the time it should "
			+ "run (the current time to run it at the next poll), or execute it now with POST /job/{id}/execute.";

	static final String ADMINISTRATORS_ONLY_JOBS = "Only administrators (" + CurrentUser.ADMINISTRATORS
			+ ") execute jobs or change their retries, due dates, priority or suspension: they are the incident's SLA "
			+ "timers.";

	static final String JOBS_ONE_AT_A_TIME = "Change an incident's jobs one at a time (PUT /engine-rest/job/{id}/...), "
			+ "so that each change is written on the incident's timeline.";

	static final String AUDITORS = "Auditors read everything and change nothing: a change is refused for members of '"
			+ CurrentUser.AUDITORS + "'.";

	private final IdentityService identity;

	private final TaskService tasks;

	private final RuntimeService runtime;

	private final ManagementService management;

	private final RepositoryService repository;

	private final TaskFormFields forms;

	private final IncidentRecords records;

	private final ObjectMapper json;

	EngineSurfaceGuard(IdentityService identity, TaskService tasks, RuntimeService runtime,
			ManagementService management, RepositoryService repository, TaskFormFields forms, IncidentRecords records,
			ObjectMapper json) {
		this.identity = identity;
		this.tasks = tasks;
		this.runtime = runtime;
		this.management = management;
		this.repository = repository;
		this.forms = forms;
		this.records = records;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith(ENGINE_REST)) {
			Authentication signedIn = this.identity.getCurrentAuthentication();
			List<String> segments = segments(path.substring(ENGINE_REST.length()));
			if (segments.size() >= 2 && "engine".equals(segments.get(0))) {
				segments = segments.subList(2, segments.size());
			}
			guardEngine(request, response, chain, (signedIn != null) ? new CurrentUser(signedIn.getUserId(),
					orNone(signedIn.getGroupIds()), orNone(signedIn.getTenantIds())) : null, segments);
		}
		else if (path.startsWith(WEBAPP_ENGINE)) {
			List<String> segments = segments(path.substring(WEBAPP_ENGINE.length()));
			guardEngine(request, response, chain, webappUser(request),
					segments.isEmpty() ? segments : segments.subList(1, segments.size()));
		}
		else if (path.startsWith(WEBAPP_API)) {
			List<String> segments = segments(path.substring(WEBAPP_API.length()));
			if (isLogin(segments) && "POST".equals(request.getMethod())) {
				guardLogin(request, response, chain);
				return;
			}
			CurrentUser user = webappUser(request);
			if (user != null && user.isCaller()) {
				refuse(response, 403, "Not for callers", CALLERS);
				return;
			}
			chain.doFilter(request, response);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/** {@code admin/auth/user/{engine}/login/{app}} */
	private static boolean isLogin(List<String> segments) {
		return segments.size() == 6 && segments.get(0).equals("admin") && segments.get(1).equals("auth")
				&& segments.get(2).equals("user") && segments.get(4).equals("login");
	}

	/**
	 * A caller's sign-in to a webapp (the welcome app included) is refused. The password
	 * is checked here, once, so a wrong one counts as one failed attempt and is answered
	 * as the webapp answers it; only a caller who knows the password learns why.
	 */
	private void guardLogin(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String username = request.getParameter("username");
		boolean caller = username != null && !username.isBlank()
				&& unchecked(() -> this.identity.createGroupQuery()
					.groupMember(username)
					.groupId(CurrentUser.CUSTOMERS)
					.count() > 0);
		if (!caller) {
			chain.doFilter(request, response);
			return;
		}
		String password = request.getParameter("password");
		if (password == null || !unchecked(() -> this.identity.checkPassword(username, password))) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		refuse(response, 403, "Not for callers", CALLERS);
	}

	private CurrentUser webappUser(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
		if (authentications == null) {
			return null;
		}
		for (UserAuthentication user : authentications.getAuthentications()) {
			if (user != null && user.getIdentityId() != null) {
				return new CurrentUser(user.getIdentityId(), orNone(user.getGroupIds()), orNone(user.getTenantIds()));
			}
		}
		return null;
	}

	private void guardEngine(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			CurrentUser actor, List<String> segments) throws IOException, ServletException {
		if (actor == null || segments.isEmpty()) {
			// Not signed in: Camunda answers 401.
			chain.doFilter(request, response);
			return;
		}
		if (actor.isCaller()) {
			refuse(response, 403, "Not for callers", CALLERS);
			return;
		}
		String method = request.getMethod();
		if (READS.contains(method)) {
			if (!answeredAsUnknownUser(request, response, actor, segments)) {
				chain.doFilter(request, response);
			}
			return;
		}
		if (isQuery(method, segments)) {
			chain.doFilter(request, response);
			return;
		}
		if (AccessPolicy.onlyAudits(actor)) {
			refuse(response, 403, "Not allowed", AUDITORS);
			return;
		}
		BufferedRequest buffered = new BufferedRequest(request, this.json);
		Check check = switch (segments.get(0)) {
			case "task" -> checkTask(buffered, actor, segments);
			case "process-instance" -> checkProcessInstance(buffered, actor, segments);
			case "execution" -> checkExecution(actor, segments);
			case "process-definition" -> checkProcessDefinition(buffered, segments);
			case "deployment" -> checkDeployment(buffered, segments);
			case "message", "signal", "condition" -> Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
			case "modification", "migration" -> segments.size() == 2 && segments.get(1).startsWith("execute")
					? Check.refuse(403, "Not allowed", WHOLE_INCIDENT) : Check.PASS;
			case "job" -> checkJob(buffered, actor, segments, method);
			case "job-definition" -> checkJobDefinition(actor, segments);
			case "external-task" -> AccessPolicy.isAdministrator(actor) ? Check.PASS
					: Check.refuse(403, "Not allowed", "Only administrators work external tasks through the engine.");
			default -> Check.PASS;
		};
		if (check.status() != 0) {
			refuse(response, check.status(), check.title(), check.detail());
			return;
		}
		if (check.afterwards() != null) {
			// What is recorded afterwards comes from the body, which the engine reads.
			buffered.json();
		}
		chain.doFilter(buffered, response);
		if (check.afterwards() != null && response.getStatus() < 300) {
			check.afterwards().accept(buffered);
		}
	}

	/**
	 * Group, tenant and identity queries about another user than oneself answer as for a
	 * user that does not exist (administrators see everyone).
	 */
	private boolean answeredAsUnknownUser(HttpServletRequest request, HttpServletResponse response, CurrentUser actor,
			List<String> segments) throws IOException {
		if (AccessPolicy.isAdministrator(actor)) {
			return false;
		}
		String resource = segments.get(0);
		boolean count = segments.size() == 2 && "count".equals(segments.get(1));
		String about;
		String empty;
		if ((resource.equals("group") || resource.equals("tenant")) && (segments.size() == 1 || count)) {
			about = resource.equals("group") ? request.getParameter("member")
					: firstNonNull(request.getParameter("userMember"), request.getParameter("includingGroupsOfUser"));
			empty = count ? "{\"count\":0}" : "[]";
		}
		else if (resource.equals("identity") && segments.size() == 2 && "groups".equals(segments.get(1))) {
			about = request.getParameter("userId");
			empty = "{\"groups\":[],\"groupUsers\":[]}";
		}
		else {
			return false;
		}
		if (about == null || about.equals(actor.id())) {
			return false;
		}
		response.setStatus(200);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(empty.getBytes(StandardCharsets.UTF_8));
		return true;
	}

	private static boolean isQuery(String method, List<String> segments) {
		String resource = segments.get(0);
		if (!"POST".equals(method)) {
			return false;
		}
		if (QUERYABLE.contains(resource)) {
			return segments.size() == 1 || (segments.size() == 2 && "count".equals(segments.get(1)));
		}
		if (resource.equals("filter")) {
			return segments.size() == 3 && Set.of("list", "count", "singleResult").contains(segments.get(2));
		}
		if (resource.equals("history")) {
			return segments.stream().noneMatch(HISTORY_CHANGES::contains);
		}
		return false;
	}

	private Check checkTask(BufferedRequest request, CurrentUser actor, List<String> segments) {
		if (segments.size() < 2 || segments.get(1).equals("create")) {
			return Check.PASS;
		}
		Task task = as(actor, () -> this.tasks.createTaskQuery().taskId(segments.get(1)).singleResult());
		if (task == null || !isIncidentProcess(task.getProcessDefinitionId())) {
			// Unknown, not visible (the engine answers as for an unknown id), or
			// not an incident's task (a standalone task, another process), which
			// changes no incident.
			return Check.PASS;
		}
		String action = (segments.size() > 2) ? segments.get(2) : "";
		String method = request.getMethod();
		if (action.equals("bpmnError") || action.equals("bpmnEscalation")
				|| (action.isEmpty() && method.equals("DELETE"))) {
			return Check.refuse(403, "Not allowed", FINISH_BY_COMPLETING);
		}
		if (action.equals("variables") || action.equals("localVariables")) {
			return Check.refuse(403, "Not allowed", VARIABLES_ARE_THE_RECORD);
		}
		if (action.equals("identity-links")) {
			return AccessPolicy.isAdministrator(actor) ? Check.PASS : Check.refuse(403, "Not allowed",
					"Who works on an incident's task follows its routing: escalate, transfer or reassign through "
							+ "the task's form, and claim the task to work on it yourself.");
		}
		if (!TASK_WORK.contains(action)) {
			return Check.PASS;
		}
		List<IdentityLink> links = unchecked(() -> this.tasks.getIdentityLinksForTask(task.getId()));
		if (!AccessPolicy.isAdministrator(actor) && !involved(task, links, actor.id(), actor.groups())) {
			return Check.refuse(403, "Not allowed", "Only the task's assignee and the members of its candidate groups "
					+ "work on it; you are neither, so you may read it but not change it.");
		}
		if (Set.of("claim", "assignee", "delegate").contains(action)) {
			String target = request.json().path("userId").asText(null);
			if (target != null && !target.equals(actor.id()) && !AccessPolicy.isAdministrator(actor)
					&& !involved(task, links, target, groupsOf(target))) {
				return Check.refuse(403, "Not allowed", "'" + target + "' is not a candidate for this task; it goes "
						+ "only to members of its candidate groups.");
			}
		}
		if (COMPLETIONS.contains(action)) {
			return checkCompletionVariables(task, request.json().path("variables"));
		}
		if (action.isEmpty() && method.equals("PUT")) {
			return checkTaskUpdate(task, request.json());
		}
		return Check.PASS;
	}

	/**
	 * An update of an incident's task may move its due and follow-up dates (Tasklist's
	 * reminders); the rest (name, assignee, owner, priority, ...) is the process's.
	 * Camunda sets every field of the update, so a field left out would be cleared.
	 */
	private static Check checkTaskUpdate(Task task, JsonNode update) {
		Map<String, Object> current = new java.util.LinkedHashMap<>();
		current.put("name", task.getName());
		current.put("description", task.getDescription());
		current.put("priority", task.getPriority());
		current.put("assignee", task.getAssignee());
		current.put("owner", task.getOwner());
		current.put("delegationState", (task.getDelegationState() != null) ? task.getDelegationState().name() : null);
		current.put("parentTaskId", task.getParentTaskId());
		current.put("caseInstanceId", task.getCaseInstanceId());
		current.put("tenantId", task.getTenantId());
		List<String> changed = new ArrayList<>();
		current.forEach((field, value) -> {
			JsonNode sent = update.path(field);
			String sentText = (sent.isMissingNode() || sent.isNull()) ? null : sent.asText();
			if (!java.util.Objects.equals(sentText, (value != null) ? String.valueOf(value) : null)) {
				changed.add(field);
			}
		});
		if (changed.isEmpty()) {
			return Check.PASS;
		}
		return Check.refuse(403, "Not allowed",
				"An update of an incident's task may change its due and follow-up dates only; "
						+ String.join(", ", changed) + (changed.size() == 1 ? " belongs" : " belong")
						+ " to the process. Claim, "
						+ "assign or complete the task instead (and send the task's other fields unchanged).");
	}

	private List<String> groupsOf(String userId) {
		return unchecked(() -> this.identity.createGroupQuery().groupMember(userId).list()).stream()
			.map(group -> group.getId())
			.toList();
	}

	private static boolean involved(Task task, List<IdentityLink> links, String userId, List<String> groups) {
		if (userId.equals(task.getAssignee()) || userId.equals(task.getOwner())) {
			return true;
		}
		for (IdentityLink link : links) {
			if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
				continue;
			}
			if (userId.equals(link.getUserId()) || (link.getGroupId() != null && groups.contains(link.getGroupId()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A completion sets the form's fields, and repeats its read-only fields unchanged
	 * (Tasklist sends them back); nothing else.
	 */
	private Check checkCompletionVariables(Task task, JsonNode variables) {
		TaskFormFields.Fields fields = this.forms.of(task);
		List<String> shown = new ArrayList<>();
		variables.fieldNames().forEachRemaining(name -> {
			if (fields.readOnly().contains(name)) {
				shown.add(name);
			}
		});
		Map<String, Object> current = shown.isEmpty() ? Map.of()
				: unchecked(() -> this.tasks.getVariables(task.getId(), shown));
		List<String> refused = new ArrayList<>();
		Iterator<Map.Entry<String, JsonNode>> entries = variables.fields();
		while (entries.hasNext()) {
			Map.Entry<String, JsonNode> entry = entries.next();
			String name = entry.getKey();
			if (fields.editable().contains(name)) {
				continue;
			}
			if (fields.readOnly().contains(name) && unchanged(current.get(name), entry.getValue().path("value"))) {
				continue;
			}
			refused.add(name);
		}
		if (refused.isEmpty()) {
			return Check.PASS;
		}
		return Check.refuse(403, "Not allowed",
				task.getName() + " sets only the fields of its form"
						+ (fields.editable().isEmpty() ? "" : " (" + String.join(", ", fields.editable()) + ")") + "; "
						+ String.join(", ", refused) + (refused.size() == 1 ? " is" : " are") + " not among them. "
						+ VARIABLES_ARE_THE_RECORD);
	}

	private static boolean unchanged(Object current, JsonNode sent) {
		boolean sentNothing = sent.isMissingNode() || sent.isNull() || (sent.isTextual() && sent.asText().isEmpty())
				|| (sent.isBoolean() && !sent.booleanValue());
		if (current == null) {
			return sentNothing;
		}
		if (current instanceof Boolean flag) {
			return sent.isBoolean() ? sent.booleanValue() == flag : (!flag && sentNothing);
		}
		if (current instanceof Number number) {
			return sent.isNumber() && new BigDecimal(number.toString()).compareTo(sent.decimalValue()) == 0;
		}
		return !sent.isContainerNode() && String.valueOf(current).equals(sent.asText());
	}

	private Check checkProcessInstance(BufferedRequest request, CurrentUser actor, List<String> segments) {
		if (segments.size() < 2) {
			return Check.PASS;
		}
		if (segments.size() == 2 && Set
			.of("delete", "delete-historic-query-based", "suspended", "suspended-async", "variables-async",
					"job-retries", "job-retries-historic-query-based", "message-async")
			.contains(segments.get(1))) {
			return segments.get(1).startsWith("job-retries") ? Check.refuse(403, "Not allowed", JOBS_ONE_AT_A_TIME)
					: Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
		}
		ProcessInstance instance = as(actor,
				() -> this.runtime.createProcessInstanceQuery().processInstanceId(segments.get(1)).singleResult());
		if (instance == null || !isIncidentProcess(instance.getProcessDefinitionId())) {
			return Check.PASS;
		}
		String action = (segments.size() > 2) ? segments.get(2) : "";
		if (action.equals("variables")) {
			return Check.refuse(403, "Not allowed", VARIABLES_ARE_THE_RECORD);
		}
		if (action.isEmpty() && request.getMethod().equals("DELETE")) {
			return Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
		}
		if (Set.of("modification", "modification-async", "suspended", "comment").contains(action)) {
			return Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
		}
		return Check.PASS;
	}

	private Check checkExecution(CurrentUser actor, List<String> segments) {
		if (segments.size() < 3) {
			return Check.PASS;
		}
		Execution execution = as(actor,
				() -> this.runtime.createExecutionQuery().executionId(segments.get(1)).singleResult());
		if (execution == null) {
			return Check.PASS;
		}
		ProcessInstance instance = unchecked(() -> this.runtime.createProcessInstanceQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.singleResult());
		if (instance == null || !isIncidentProcess(instance.getProcessDefinitionId())) {
			return Check.PASS;
		}
		return segments.get(2).equals("localVariables") ? Check.refuse(403, "Not allowed", VARIABLES_ARE_THE_RECORD)
				: Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
	}

	/**
	 * No incident process started by hand (the record would be missing), suspended, or
	 * deleted with its running incidents.
	 */
	private Check checkProcessDefinition(BufferedRequest request, List<String> segments) {
		if (segments.size() < 2) {
			return Check.PASS;
		}
		boolean incident;
		List<String> rest;
		if (segments.get(1).equals("key") && segments.size() >= 3) {
			incident = IncidentProcess.PROCESS_ID.equals(segments.get(2));
			rest = segments.subList(3, segments.size());
			if (rest.size() >= 2 && rest.get(0).equals("tenant-id")) {
				rest = rest.subList(2, rest.size());
			}
		}
		else if (segments.get(1).equals("suspended")) {
			return Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
		}
		else {
			incident = isIncidentProcess(segments.get(1));
			rest = segments.subList(2, segments.size());
		}
		if (!incident) {
			return Check.PASS;
		}
		String action = rest.isEmpty() ? "" : rest.get(0);
		if (Set.of("start", "submit-form", "suspended", "restart", "restart-async").contains(action)) {
			return Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
		}
		if (action.isEmpty() && request.getMethod().equals("DELETE") && cascades(request)) {
			return Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
		}
		return Check.PASS;
	}

	private Check checkDeployment(BufferedRequest request, List<String> segments) {
		if (segments.size() == 2 && request.getMethod().equals("DELETE") && cascades(request)) {
			boolean holdsIncidents = unchecked(() -> this.repository.createProcessDefinitionQuery()
				.deploymentId(segments.get(1))
				.processDefinitionKey(IncidentProcess.PROCESS_ID)
				.count() > 0);
			if (holdsIncidents) {
				return Check.refuse(403, "Not allowed", WHOLE_INCIDENT);
			}
		}
		return Check.PASS;
	}

	private static boolean cascades(HttpServletRequest request) {
		return "true".equalsIgnoreCase(request.getParameter("cascade"));
	}

	private Check checkJob(BufferedRequest request, CurrentUser actor, List<String> segments, String method) {
		if (segments.size() < 2) {
			return Check.PASS;
		}
		if (segments.size() == 2 && Set.of("retries", "suspended").contains(segments.get(1))) {
			return Check.refuse(403, "Not allowed", JOBS_ONE_AT_A_TIME);
		}
		String action = (segments.size() > 2) ? segments.get(2) : "";
		if (!JOB_CHANGES.contains(action) || (action.isEmpty() && !method.equals("DELETE"))) {
			return Check.PASS;
		}
		String jobId = segments.get(1);
		Job job = as(actor, () -> this.management.createJobQuery().jobId(jobId).singleResult());
		if (!AccessPolicy.isAdministrator(actor)) {
			if (job == null) {
				// As the engine answers for a job that does not exist, without letting
				// the engine try (and fail, and count a retry) a job the user cannot see.
				return Check.refuse(404, "Not found", "Job with id " + jobId + " does not exist");
			}
			return Check.refuse(403, "Not allowed", ADMINISTRATORS_ONLY_JOBS);
		}
		if (action.equals("duedate") && segments.size() == 3 && request.json().path("duedate").asText("").isBlank()) {
			return Check.refuse(400, "Bad request", JOBS_ALWAYS_DUE);
		}
		if (job == null || !IncidentProcess.PROCESS_ID.equals(job.getProcessDefinitionKey())) {
			return Check.PASS;
		}
		String number = unchecked(() -> {
			ProcessInstance instance = this.runtime.createProcessInstanceQuery()
				.processInstanceId(job.getProcessInstanceId())
				.singleResult();
			return (instance != null) ? instance.getBusinessKey() : null;
		});
		if (number == null) {
			return Check.PASS;
		}
		String what = jobName(job);
		return Check.then(buffered -> recordJobChange(actor, number, what, jobId, action,
				(segments.size() > 3) ? segments.get(3) : "", method, buffered.json()));
	}

	private String jobName(Job job) {
		return unchecked(() -> {
			JobDefinition definition = (job.getJobDefinitionId() != null) ? this.management.createJobDefinitionQuery()
				.jobDefinitionId(job.getJobDefinitionId())
				.singleResult() : null;
			if (definition == null || definition.getActivityId() == null) {
				return "job " + job.getId();
			}
			FlowElement element = this.repository.getBpmnModelInstance(job.getProcessDefinitionId())
				.getModelElementById(definition.getActivityId());
			String name = (element != null && element.getName() != null) ? element.getName()
					: definition.getActivityId();
			return "the " + definition.getJobType().replace('-', ' ') + " job of '" + name + "' (job " + job.getId()
					+ ")";
		});
	}

	private void recordJobChange(CurrentUser actor, String number, String what, String jobId, String action,
			String detail, String method, JsonNode body) {
		String change = switch (action) {
			case "execute" -> "executed " + what + " by hand";
			case "retries" -> "set the retries of " + what + " to " + body.path("retries").asText("?");
			case "duedate" -> detail.equals("recalculate") ? "recalculated the due date of " + what
					: "moved the due date of " + what + " to " + body.path("duedate").asText("?");
			case "suspended" -> (body.path("suspended").asBoolean() ? "suspended " : "activated ") + what;
			case "priority" -> "set the priority of " + what + " to " + body.path("priority").asText("?");
			default -> method.equals("DELETE") ? "deleted " + what : "changed " + what;
		};
		Authentication previous = this.identity.getCurrentAuthentication();
		this.identity.setAuthentication(authentication(actor));
		try {
			this.records.addEntry(number, ActivityKind.WORK_NOTE, Visibility.INTERNAL,
					"Administrator " + actor.id() + " " + change + " through the engine.");
		}
		catch (RuntimeException ex) {
			log.error("Job {} of {} was changed by {} ({}), but the timeline entry failed", jobId, number, actor.id(),
					change, ex);
		}
		finally {
			restore(previous);
		}
	}

	private Check checkJobDefinition(CurrentUser actor, List<String> segments) {
		if (!AccessPolicy.isAdministrator(actor)) {
			return Check.refuse(403, "Not allowed", ADMINISTRATORS_ONLY_JOBS);
		}
		if (segments.size() < 2 || segments.get(1).equals("suspended")) {
			return Check.refuse(403, "Not allowed", JOBS_ONE_AT_A_TIME);
		}
		JobDefinition definition = unchecked(
				() -> this.management.createJobDefinitionQuery().jobDefinitionId(segments.get(1)).singleResult());
		if (definition != null && IncidentProcess.PROCESS_ID.equals(definition.getProcessDefinitionKey())) {
			return Check.refuse(403, "Not allowed", JOBS_ONE_AT_A_TIME);
		}
		return Check.PASS;
	}

	private static Authentication authentication(CurrentUser user) {
		return new Authentication(user.id(), user.groups(), user.tenants());
	}

	private static List<String> orNone(List<String> ids) {
		return (ids != null) ? ids : List.of();
	}

	private static boolean isIncidentProcess(String processDefinitionId) {
		return processDefinitionId != null && processDefinitionId.startsWith(IncidentProcess.PROCESS_ID + ":");
	}

	/** Runs a query as the user, with their authorizations and tenants. */
	private <T> T as(CurrentUser actor, Supplier<T> work) {
		Authentication previous = this.identity.getCurrentAuthentication();
		this.identity.setAuthentication(authentication(actor));
		try {
			return work.get();
		}
		finally {
			restore(previous);
		}
	}

	/** Runs a query without authorization checks: only after a visibility check. */
	private <T> T unchecked(Supplier<T> work) {
		Authentication previous = this.identity.getCurrentAuthentication();
		this.identity.clearAuthentication();
		try {
			return work.get();
		}
		finally {
			restore(previous);
		}
	}

	private void restore(Authentication previous) {
		if (previous != null) {
			this.identity.setAuthentication(previous);
		}
		else {
			this.identity.clearAuthentication();
		}
	}

	private void refuse(HttpServletResponse response, int status, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// "type" and "message" as Camunda's own errors have them, so Tasklist and Cockpit
		// show the reason; "title", "status" and "detail" as in RFC 9457.
		this.json.writeValue(response.getOutputStream(),
				Map.of("type", (status == 404) ? "InvalidRequestException" : "AuthorizationException", "title", title,
						"status", status, "detail", detail, "message", detail));
	}

	private static List<String> segments(String path) {
		return Arrays.stream(path.split("/"))
			.map(segment -> segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment)
			.map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
			.filter(segment -> !segment.isEmpty())
			.toList();
	}

	private static String firstNonNull(String first, String second) {
		return (first != null) ? first : second;
	}

	/**
	 * What the guard decided: go on (perhaps with something to do afterwards) or refuse.
	 */
	private record Check(int status, String title, String detail,
			java.util.function.Consumer<BufferedRequest> afterwards) {

		static final Check PASS = new Check(0, null, null, null);

		static Check refuse(int status, String title, String detail) {
			return new Check(status, title, detail, null);
		}

		static Check then(java.util.function.Consumer<BufferedRequest> afterwards) {
			return new Check(0, null, null, afterwards);
		}

	}

	/**
	 * The request, whose JSON body the guard reads only when a rule needs it (a
	 * completion's variables, a claim's user, a job change); the engine then reads the
	 * same bytes. EngineErrorFilter has already refused a body over
	 * {@code incident-desk.engine-api.max-body-size}.
	 */
	static final class BufferedRequest extends HttpServletRequestWrapper {

		private final ObjectMapper reader;

		private byte[] body;

		private JsonNode parsed;

		BufferedRequest(HttpServletRequest request, ObjectMapper reader) {
			super(request);
			this.reader = reader;
		}

		/** The body as JSON; nothing (a missing node) if it is empty or not JSON. */
		JsonNode json() {
			if (this.parsed != null) {
				return this.parsed;
			}
			this.parsed = MissingNode.getInstance();
			String type = getContentType();
			if (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
				// Uploads and forms stream on to the engine untouched.
				return this.parsed;
			}
			try {
				this.body = super.getInputStream().readAllBytes();
				JsonNode tree = (this.body.length > 0) ? this.reader.readTree(this.body) : null;
				if (tree != null) {
					this.parsed = tree;
				}
			}
			catch (IOException ex) {
				// Not JSON, or nested too deep: no rule reads anything from it, and the
				// engine answers it (EngineErrorFilter makes that a 400).
			}
			return this.parsed;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				return super.getInputStream();
			}
			InputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] bytes, int offset, int length) throws IOException {
					return in.read(bytes, offset, length);
				}

				@Override
				public boolean isFinished() {
					return this.available() == 0;
				}

				@Override
				public int available() {
					try {
						return in.available();
					}
					catch (IOException ex) {
						return 0;
					}
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("Not asynchronous");
				}

			};
		}

		@Override
		public java.io.BufferedReader getReader() throws IOException {
			if (this.body == null) {
				return super.getReader();
			}
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}
