package org.incidentdesk;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages under {@code org.incidentdesk} are Spring Modulith application
 * modules: none depends on another in a cycle, and none uses what another keeps in its
 * sub-packages (its internals) unless that module names it as an interface. The module
 * documentation (PlantUML diagrams and module canvases) is written to
 * {@code target/spring-modulith-docs}; {@code docs/architecture.md} explains it.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(IncidentDeskApplication.class);

	@Test
	void theModulesHaveNoCyclesAndUseOnlyWhatEachOtherPublishes() {
		MODULES.verify();
	}

	@Test
	void writesTheModuleDocumentation() throws Exception {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
		Path components = Path.of("target", "spring-modulith-docs", "components.puml");
		assertThat(components).exists();
		assertThat(Files.readString(components)).contains("\"Incident\"").contains("\"Notification\"");
	}

}
