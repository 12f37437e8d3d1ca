package org.incidentdesk.audit;

import org.incidentdesk.IncidentDeskApplication;
import org.incidentdesk.audit.HashScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chain key: required in production (the {@code postgres} profile), optional in
 * development, never weak.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChainKeyTests {

	@Test
	void thePostgresProfileDoesNotStartWithoutAChainKey() {
		// Given the postgres profile and no key (the database is never reached)
		SpringApplicationBuilder application = new SpringApplicationBuilder(IncidentDeskApplication.class)
			.profiles("postgres")
			.properties("incident-desk.audit.chain-key=", "spring.datasource.url=jdbc:postgresql://localhost:1/none",
					"server.port=0");

		// Then it refuses to start and says what to set
		assertThatThrownBy(application::run).rootCause()
			.hasMessageContaining("The audit trail needs its chain key")
			.hasMessageContaining("INCIDENT_DESK_AUDIT_CHAIN_KEY");
	}

	@Test
	void aShortChainKeyIsRefused() {
		assertThatThrownBy(() -> new AuditSettings("too-short", false, null)).hasMessageContaining("9 characters long")
			.hasMessageContaining("at least 32");
	}

	@Test
	void withoutAKeyTheDefaultProfileWarnsAndWritesTheUnkeyedScheme(CapturedOutput output) {
		AuditSettings settings = new AuditSettings(" ", false, null);

		assertThat(new AuditConfiguration().activityHash(settings).scheme()).isEqualTo(HashScheme.UNKEYED_SHA256);
		assertThat(output.getOut()).contains("WARN").contains("No audit chain key").contains("UNKEYED_SHA256");
	}

	@Test
	void withAKeyTheChainIsHmacAndTheKeyIsNeverPrinted() {
		AuditSettings settings = new AuditSettings("a-secret-chain-key-of-forty-characters!!", true, null);

		assertThat(new AuditConfiguration().activityHash(settings).scheme()).isEqualTo(HashScheme.HMAC_SHA256);
		assertThat(settings.toString()).doesNotContain("a-secret").contains("(set)");
	}

	@Test
	void theHistoryTimeToLiveIsWholeDays() {
		assertThatThrownBy(() -> new AuditSettings(null, false, java.time.Duration.ofHours(36)))
			.hasMessageContaining("whole days");
	}

}
