package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.incidentdesk.IncidentDeskApplication;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.NewIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application twice on the same H2 file database, as
 * {@code mvn spring-boot:run} does, without the demo profile.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartTests {

	@Test
	void keepsItsDataAndDeploysNoNewVersionsOnRestart(@TempDir Path data, CapturedOutput output) {
		String url = "jdbc:h2:file:" + data.resolve("incident-desk").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
		String number;
		long definitions;
		long deployments;
		try (ConfigurableApplicationContext first = start(url)) {
			// The models deploy as one deployment, and a first administrator is made up
			RepositoryService repository = first.getBean(RepositoryService.class);
			deployments = repository.createDeploymentQuery().count();
			definitions = repository.createProcessDefinitionQuery().count()
					+ repository.createDecisionDefinitionQuery().count();
			assertThat(deployments).isEqualTo(1);
			assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("IncidentManagement").count())
				.isEqualTo(1);
			assertThat(repository.createDecisionDefinitionQuery().count()).isEqualTo(5);
			assertThat(first.getBean(IdentityService.class).createUserQuery().memberOfGroup("camunda-admin").count())
				.isEqualTo(1);
			assertThat(output.getOut()).containsOnlyOnce("Created the first administrator");
			String tenant = "restart-tenant";
			first.getBean(IdentityService.class).saveTenant(first.getBean(IdentityService.class).newTenant(tenant));
			number = first.getBean(IncidentRecords.class)
				.create(new NewIncident(tenant, "someone", "someone", Channel.PHONE, "Survives a restart", null,
						"other", null, Level.LOW, Level.LOW))
				.number();
		}

		try (ConfigurableApplicationContext second = start(url)) {
			RepositoryService repository = second.getBean(RepositoryService.class);
			assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
			assertThat(repository.createProcessDefinitionQuery().count()
					+ repository.createDecisionDefinitionQuery().count())
				.isEqualTo(definitions);
			assertThat(second.getBean(IncidentRecords.class).find(number)).isPresent();
			// The generated password was printed at the first start only
			assertThat(output.getOut()).containsOnlyOnce("Created the first administrator");
		}
	}

	private static ConfigurableApplicationContext start(String url) {
		// Command-line arguments, so they win over application.yaml as they would for a
		// real start.
		return new SpringApplicationBuilder(IncidentDeskApplication.class).run("--spring.datasource.url=" + url,
				"--camunda.bpm.job-execution.enabled=false", "--server.port=0");
	}

}
