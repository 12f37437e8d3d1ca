package org.incidentdesk.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RepositoryService;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No Camunda Form puts a process variable into a {@code text} component
 * ({@link SafeForms} says why): the bundled forms don't, and the engine refuses a
 * deployment of one that does, whoever deploys it.
 */
@IncidentDeskTest
class FormTextComponentsTests {

	private static final String TEMPLATED = """
			{"type": "default", "id": "unsafe-form", "components": [
			  {"type": "group", "id": "Group_1", "components": [
			    {"type": "text", "id": "Text_Summary", "text": "Summary: {{summary}}"}]}]}
			""";

	private static final String SAFE = """
			{"type": "default", "id": "safe-form", "components": [
			  {"type": "text", "id": "Text_Intro", "text": "Check the incident below."},
			  {"type": "textfield", "id": "Field_Summary", "key": "summary", "label": "Summary", "readonly": true}]}
			""";

	@Autowired
	RepositoryService repository;

	@Test
	void noTextComponentOfABundledFormShowsAVariable() throws IOException {
		Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form");
		assertThat(forms).isNotEmpty();

		List<String> templated = new ArrayList<>();
		for (Resource form : forms) {
			try (InputStream in = form.getInputStream()) {
				templated.addAll(SafeForms.templatedTexts(form.getFilename(), in.readAllBytes()));
			}
		}

		assertThat(templated).isEmpty();
	}

	@Test
	void theEngineRefusesToDeployAFormThatTemplatesAVariableIntoText() {
		// When a process owner deploys a form with {{summary}} in a nested text component
		// Then the deployment is refused with the form and component named, and nothing
		// is deployed
		long before = this.repository.createDeploymentQuery().deploymentName("unsafe-form-test").count();
		assertThatThrownBy(() -> this.repository.createDeployment()
			.name("unsafe-form-test")
			.addString("unsafe.form", TEMPLATED)
			.deploy()).isInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("unsafe.form: Text_Summary")
			.hasMessageContaining("read-only text field");
		assertThat(this.repository.createDeploymentQuery().deploymentName("unsafe-form-test").count())
			.isEqualTo(before);
	}

	@Test
	void aFormThatShowsVariablesInReadOnlyFieldsIsDeployed() {
		String id = this.repository.createDeployment()
			.name("safe-form-test")
			.addString("safe.form", SAFE)
			.deploy()
			.getId();

		assertThat(this.repository.getDeploymentResourceNames(id)).containsExactly("safe.form");
		this.repository.deleteDeployment(id);
	}

}
