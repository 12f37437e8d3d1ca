package org.incidentdesk;

import java.nio.file.Files;
import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.incidentdesk.audit.AuditTrail;
import org.incidentdesk.audit.NewTrailEntry;
import org.incidentdesk.incident.IncidentRecords;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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

	static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.incidentdesk");

	@Test
	void theModulesHaveNoCyclesAndUseOnlyWhatEachOtherPublishes() {
		MODULES.verify();
	}

	/**
	 * One writer: the incident and its timeline change only inside the incident module;
	 * the others read through {@code Incidents} and write the few entries
	 * {@code IncidentTimeline} offers, or go through {@code IncidentService}.
	 */
	@Test
	void nothingOutsideTheIncidentModuleUsesItsRecordWriter() {
		noClasses().that()
			.resideOutsideOfPackage("org.incidentdesk.incident..")
			.should()
			.dependOnClassesThat()
			.areAssignableTo(IncidentRecords.class)
			.check(PRODUCTION);
	}

	/**
	 * One writer of the timeline too: only the incident module appends to the audit
	 * trail, so it alone decides an entry's kind and visibility; the others read the
	 * trail ({@code history}) or write through {@code IncidentTimeline}.
	 */
	@Test
	void nothingOutsideTheIncidentModuleAppendsToTheAuditTrail() {
		noClasses().that()
			.resideOutsideOfPackages("org.incidentdesk.incident..", "org.incidentdesk.audit..")
			.should()
			.callMethod(AuditTrail.class, "append", long.class, NewTrailEntry.class)
			.check(PRODUCTION);
	}

	@Test
	void writesTheModuleDocumentation() throws Exception {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
		Path components = Path.of("target", "spring-modulith-docs", "components.puml");
		assertThat(components).exists();
		assertThat(Files.readString(components)).contains("\"Incident\"").contains("\"Notification\"");
	}

}
