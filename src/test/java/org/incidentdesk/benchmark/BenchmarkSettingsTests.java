package org.incidentdesk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The benchmark's settings, and its refusal to load anything but this machine. */
class BenchmarkSettingsTests {

	@Test
	void refusesABaseUrlOfAnotherMachine() {
		assertThatIllegalStateException()
			.isThrownBy(() -> BenchmarkSettings.from(properties(Map.of("bench.base-url", "https://example.com"))))
			.withMessageContaining("Refusing to run the benchmark against https://example.com");
		assertThatIllegalStateException()
			.isThrownBy(() -> BenchmarkSettings.from(properties(Map.of("gatling.baseUrl", "http://10.0.0.7:8080"))));
		assertThatIllegalStateException()
			.isThrownBy(() -> BenchmarkSettings.refuseRemoteTarget("http://localhost.example.com:8080"));
		assertThatIllegalStateException().isThrownBy(() -> BenchmarkSettings.refuseRemoteTarget("not a url"));
	}

	@Test
	void acceptsOnlyLoopbackAddresses() {
		assertThatNoException().isThrownBy(() -> BenchmarkSettings.refuseRemoteTarget("http://127.0.0.1:8080"));
		assertThatNoException().isThrownBy(() -> BenchmarkSettings.refuseRemoteTarget("http://localhost:8080/"));
		assertThatNoException().isThrownBy(() -> BenchmarkSettings.refuseRemoteTarget("http://[::1]:8080"));
		assertThatNoException().isThrownBy(() -> BenchmarkSettings.refuseRemoteTarget(null));
	}

	@Test
	void theFullSizeIsTheIssuesAndEveryFigureCanBeChanged() {
		BenchmarkSettings full = BenchmarkSettings
			.from(properties(Map.of("bench.size", "full", "bench.db", "postgres")));
		BenchmarkSettings fewer = BenchmarkSettings
			.from(properties(Map.of("bench.size", "full", "bench.incidents", "100_000", "bench.phase-limit", "PT1M")));

		assertThat(full.db()).isEqualTo(BenchmarkSettings.Database.POSTGRES);
		assertThat(full.clients()).isEqualTo(32);
		assertThat(full.articles()).isEqualTo(100_000);
		assertThat(full.incidents()).isEqualTo(1_000_000);
		assertThat(fewer.incidents()).isEqualTo(100_000);
		assertThat(fewer.phaseLimit()).isEqualTo(Duration.ofMinutes(1));
		assertThat(full.perClient(1_000)).isEqualTo(32);
		assertThat(BenchmarkSettings
			.from(properties(Map.of("bench.size", "", "bench.phase-limit", "", "bench.clients", ""))))
			.isEqualTo(BenchmarkSettings.from(new Properties()));
	}

	@Test
	void refusesUnknownDatabasesAndSizes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSettings.from(properties(Map.of("bench.db", "oracle"))))
			.withMessageContaining("bench.db must be h2 or postgres");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSettings.from(properties(Map.of("bench.size", "huge"))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSettings.from(properties(Map.of("bench.clients", "64"))))
			.withMessageContaining("at least the number of clients");
	}

	private static Properties properties(Map<String, String> values) {
		Properties properties = new Properties();
		properties.putAll(values);
		return properties;
	}

}
