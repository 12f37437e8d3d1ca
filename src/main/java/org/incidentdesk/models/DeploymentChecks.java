package org.incidentdesk.models;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.incidentdesk.models.internal.DecisionTableChecks;
import org.incidentdesk.models.internal.ModelProblem;
import org.incidentdesk.models.internal.UserTaskChecks;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionQueryImpl;
import org.incidentdesk.models.internal.WellFormedness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks every new deployment before the engine deploys any of it, whatever brought it:
 * Camunda Modeler, {@code POST /engine-rest/deployment/create} or the application's own
 * start. It runs as the first of the engine's deployers, inside the deployment's
 * transaction, so a refusal leaves nothing deployed. A refusal is Camunda's
 * {@link ParseException}, which the REST API answers with 400 and, per resource, the
 * problems with line and column where known, as Modeler shows them.
 * <ul>
 * <li>BPMN and DMN must be well-formed XML, forms well-formed JSON with an id.</li>
 * <li>Every cell of a decision table must be valid FEEL, and the outputs the application
 * reads must hold what it can use: ISO-8601 durations and a warning percentage in
 * {@code SlaTargets}, P1 to P5 in {@code IncidentPriority}, teams that exist in
 * {@code IncidentRouting}.</li>
 * <li>Every user task must show a Camunda Form that is deployed with it or before
 * it.</li>
 * </ul>
 * Whether a routed team exists is checked once the application is running: at the very
 * first start of an empty database the teams are not created yet, so then an unknown team
 * is logged instead.
 */
@Component
public class DeploymentChecks extends AbstractProcessEnginePlugin implements Deployer {

	private static final Logger log = LoggerFactory.getLogger(DeploymentChecks.class);

	private volatile boolean running;

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<Deployer> deployers = new ArrayList<>();
		deployers.add(this);
		if (configuration.getCustomPreDeployers() != null) {
			deployers.addAll(configuration.getCustomPreDeployers());
		}
		configuration.setCustomPreDeployers(deployers);
	}

	@EventListener(ApplicationReadyEvent.class)
	void applicationRunning() {
		this.running = true;
	}

	@Override
	public void deploy(DeploymentEntity deployment) {
		if (!deployment.isNew()) {
			// The engine reloads a known deployment into its cache: checked when it came.
			return;
		}
		Map<String, ResourceEntity> resources = deployment.getResources();
		if (resources == null || resources.isEmpty()) {
			return;
		}
		List<ModelProblem> problems = new ArrayList<>();
		String tenantId = deployment.getTenantId();
		if (tenantId != null) {
			checkVariant(tenantId, resources, problems);
		}
		Set<String> formsHere = new HashSet<>();
		for (ResourceEntity resource : resources.values()) {
			String name = resource.getName();
			byte[] bytes = resource.getBytes();
			if (isXmlModel(name)) {
				WellFormedness.ofXml(name, bytes).ifPresent(problems::add);
			}
			else if (name.endsWith(".form")) {
				JsonNode form = WellFormedness.formJson(name, bytes, problems);
				if (form != null) {
					formsHere.add(form.path("id").asText());
				}
			}
		}
		if (problems.isEmpty()) {
			CommandContext command = Context.getCommandContext();
			Predicate<String> formDeployedBefore = key -> command.getCamundaFormDefinitionManager()
				.findLatestDefinitionByKey(key) != null;
			Predicate<String> groupExists = groupCheck(command);
			Predicate<String> decisionDeployedBefore = key -> {
				DecisionDefinitionQueryImpl query = new DecisionDefinitionQueryImpl();
				query.decisionDefinitionKey(key);
				return command.getDecisionDefinitionManager().findDecisionDefinitionCountByQueryCriteria(query) > 0;
			};
			Set<String> decisionsHere = new HashSet<>();
			resources.values()
				.stream()
				.filter(resource -> resource.getName().endsWith(".dmn") || resource.getName().endsWith(".dmn11.xml"))
				.forEach(resource -> decisionsHere.addAll(DecisionTableChecks.decisionIds(resource.getBytes())));
			for (ResourceEntity resource : resources.values()) {
				String name = resource.getName();
				if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
					DecisionTableChecks.check(name, resource.getBytes(), groupExists, problems);
				}
				else if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
					UserTaskChecks.check(name, resource.getBytes(), formsHere, formDeployedBefore, decisionsHere,
							decisionDeployedBefore, problems);
				}
			}
		}
		if (!problems.isEmpty()) {
			throw refusal(deployment, problems);
		}
	}

	/**
	 * A deployment for one customer organisation (a variant of the shared models) must
	 * name one that exists, and brings no forms: forms are shared by every organisation,
	 * since Tasklist finds a form by its id alone.
	 */
	private static void checkVariant(String tenantId, Map<String, ResourceEntity> resources,
			List<ModelProblem> problems) {
		if (Context.getCommandContext().getReadOnlyIdentityProvider().findTenantById(tenantId) == null) {
			problems.add(ModelProblem.of(resources.keySet().iterator().next(), "There is no customer organisation '"
					+ tenantId
					+ "' to deploy a variant for. Check tenant-id, or deploy without it to change the shared models.",
					null));
		}
		for (String name : resources.keySet()) {
			if (name.endsWith(".form")) {
				problems.add(ModelProblem.of(name, "'" + name + "' is a form, and forms are shared by every customer"
						+ " organisation: deploy it without tenant-id (with an id of its own if only this variant uses it).",
						null));
			}
		}
	}

	private Predicate<String> groupCheck(CommandContext command) {
		Predicate<String> exists = id -> command.getReadOnlyIdentityProvider().findGroupById(id) != null;
		if (this.running) {
			return exists;
		}
		return id -> {
			if (!exists.test(id)) {
				log.warn("A decision table routes to the team '{}', which does not exist yet; create it before"
						+ " incidents reach that rule.", id);
			}
			return true;
		};
	}

	private static boolean isXmlModel(String name) {
		return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml") || name.endsWith(".dmn")
				|| name.endsWith(".dmn11.xml");
	}

	private static ParseException refusal(DeploymentEntity deployment, List<ModelProblem> problems) {
		String summary = problems.stream().map(ModelProblem::message).collect(Collectors.joining(" "));
		String message = "Nothing was deployed"
				+ ((deployment.getName() != null) ? " of '" + deployment.getName() + "'" : "") + ": " + summary;
		// Camunda reports problems per resource. The first resource with a problem
		// carries
		// them all, and each problem names its own resource.
		List<Problem> errors = List.copyOf(problems);
		return new ParseException(message, problems.get(0).resource(), errors, List.of());
	}

}
