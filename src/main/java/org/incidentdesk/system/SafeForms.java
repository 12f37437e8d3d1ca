package org.incidentdesk.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;

/**
 * Refuses a deployment whose Camunda Form shows a process variable in a {@code text}
 * component, whoever deploys it (the build, Camunda Modeler, engine REST). Tasklist's
 * form-js inserts a template's values ({@code {{summary}}}) into the component's markdown
 * unescaped, and its sanitizer keeps elements such as {@code <img>} and {@code <span>},
 * so a caller's input would become markup. Variables belong in read-only fields, or in an
 * {@code html} component, which escapes them. Camunda has no public hook that sees a
 * deployment's resources before they are stored, hence its pre-deployer.
 */
@Component
public class SafeForms extends AbstractProcessEnginePlugin implements Deployer {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<Deployer> deployers = new ArrayList<>();
		if (configuration.getCustomPreDeployers() != null) {
			deployers.addAll(configuration.getCustomPreDeployers());
		}
		deployers.add(this);
		configuration.setCustomPreDeployers(deployers);
	}

	@Override
	public void deploy(DeploymentEntity deployment) {
		List<String> templated = new ArrayList<>();
		Map<String, ResourceEntity> resources = deployment.getResources();
		if (resources == null) {
			return;
		}
		resources.forEach((name, resource) -> {
			if (name.endsWith(".form")) {
				templated.addAll(templatedTexts(name, resource.getBytes()));
			}
		});
		if (!templated.isEmpty()) {
			throw new BadUserRequestException("A form shows a process variable in a text component, which Tasklist "
					+ "renders as markup, so a caller's input could change the page: " + String.join("; ", templated)
					+ ". Show variables in a read-only text field or text area, or in an html component.");
		}
	}

	/**
	 * The text components of a form that are templates or expressions, as
	 * {@code form: component text}; nested groups and lists are searched too.
	 */
	public static List<String> templatedTexts(String name, byte[] form) {
		List<String> templated = new ArrayList<>();
		try {
			collect(name, JSON.readTree(form), templated);
		}
		catch (IOException ex) {
			throw new BadUserRequestException("The form " + name + " is not valid JSON: " + ex.getMessage());
		}
		return templated;
	}

	private static void collect(String form, JsonNode node, List<String> templated) {
		for (JsonNode component : node.path("components")) {
			String text = component.path("text").asText("");
			if ("text".equals(component.path("type").asText()) && (text.contains("{{") || text.startsWith("="))) {
				templated.add(form + ": " + component.path("id").asText() + " " + text);
			}
			collect(form, component, templated);
		}
	}

}
