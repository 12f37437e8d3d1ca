package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineCallTests {

	@Test
	void findsTheResourceAndIdOnEveryPathOfTheEngineApi() {
		for (String base : new String[] { "/engine-rest", "/engine-rest/engine/default",
				"/camunda/api/engine/engine/default" }) {
			EngineCall call = EngineCall.of("GET", base + "/process-instance/42/variables/summary", null);

			assertThat(call.kind()).as(base).isEqualTo("process-instance");
			assertThat(call.id()).as(base).isEqualTo("42");
			assertThat(call.rest()).as(base).isEqualTo("variables/summary");
			assertThat(call.kindInWords()).isEqualTo("process instance");
		}
		assertThat(EngineCall.of("GET", "/camunda/api/cockpit/plugin/base/default/process-instance", null).kind())
			.isNull();
	}

	@Test
	void aDefinitionsKeyIsItsId() {
		EngineCall call = EngineCall.of("POST", "/engine-rest/process-definition/key/IncidentManagement/start", null);

		assertThat(call.id()).isEqualTo("IncidentManagement");
		assertThat(call.idName()).isEqualTo("key");
		assertThat(call.rest()).isEqualTo("start");
	}

	@Test
	void knowsTheCallsThatChangeTasksAndPasswords() {
		assertThat(EngineCall.of("DELETE", "/engine-rest/task/42", null).deletesTask()).isTrue();
		assertThat(EngineCall.of("DELETE", "/engine-rest/task/42/variables/x", null).deletesTask()).isFalse();
		assertThat(EngineCall.of("POST", "/engine-rest/user/create", null).createsUser()).isTrue();
		assertThat(EngineCall.of("POST", "/camunda/api/admin/setup/default/user/create", null).createsUser()).isTrue();
		assertThat(EngineCall.of("PUT", "/camunda/api/engine/engine/default/user/tom/credentials", null)
			.changesCredentials()).isTrue();
	}

	@Test
	void aPageIsAWholeNumberFromZeroUp() {
		assertThat(EngineCall.of("GET", "/engine-rest/task", "firstResult=0&maxResults=2147483647").pagingProblem())
			.isNull();
		assertThat(EngineCall.of("GET", "/engine-rest/task", "firstResult=-5").pagingProblem())
			.isEqualTo("firstResult must be a whole number from 0 up, not '-5'.");
		assertThat(EngineCall.of("GET", "/engine-rest/task", "maxResults=%2D1").pagingProblem())
			.isEqualTo("maxResults must be a whole number from 0 up, not '-1'.");
		assertThat(EngineCall.of("GET", "/engine-rest/task", "maxResults=2147483648").pagingProblem()).isNotNull();
		assertThat(EngineCall.of("GET", "/engine-rest/task", "maxResults=").pagingProblem()).isNotNull();
		assertThat(EngineCall.of("GET", "/engine-rest/task", "maxResultsX=-1&q=1").pagingProblem()).isNull();
	}

	@Test
	void aMessageNamesTheIdOnlyAsAWordOfItsOwn() {
		EngineCall byKey = EngineCall.of("GET", "/engine-rest/process-definition/key/key", null);
		EngineCall byId = EngineCall.of("GET", "/engine-rest/task/abc-1", null);

		assertThat(byKey.named("No matching process definition with key: key")).isTrue();
		assertThat(byKey.named("No matching process definition with keys")).isFalse();
		assertThat(byId.named("task abc-1 doesn't exist")).isTrue();
		assertThat(byId.named("task abc-12 doesn't exist")).isFalse();
	}

}
