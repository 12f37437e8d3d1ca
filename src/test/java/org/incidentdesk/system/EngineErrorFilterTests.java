package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * What {@link EngineErrorFilter} leaves alone: successes, other filters' answers, and a
 * true fault of the server, which stays a 500 and is logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class EngineErrorFilterTests {

	private final EngineErrorFilter filter;

	EngineErrorFilterTests() {
		ProcessEngine engine = mock(ProcessEngine.class);
		given(engine.getIdentityService()).willReturn(mock(IdentityService.class));
		this.filter = new EngineErrorFilter(engine, new ObjectMapper(), new EngineApiSettings(DataSize.ofMegabytes(1)));
	}

	@Test
	void aFaultOfTheServerStaysA500AndIsLoggedAtError(CapturedOutput output) throws Exception {
		MockHttpServletResponse response = answer(500,
				"{\"type\":\"ProcessEnginePersistenceException\",\"message\":\"An exception occurred in the persistence layer.\"}");

		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentAsString()).contains("ProcessEnginePersistenceException");
		assertThat(output).contains("ERROR")
			.contains("GET /engine-rest/task/42 failed with 500")
			.contains("persistence layer");
	}

	@Test
	void anotherFiltersProblemDetailPassesAsItIs() throws Exception {
		String problem = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"Not now.\"}";

		MockHttpServletResponse response = answer(409, problem);

		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentAsString()).isEqualTo(problem);
	}

	@Test
	void successesAndRefusalsOfTheSignInPassAsTheyAre() throws Exception {
		assertThat(answer(200, "{\"id\":\"42\"}").getContentAsString()).isEqualTo("{\"id\":\"42\"}");
		assertThat(answer(401, "").getStatus()).isEqualTo(401);
		assertThat(answer(403, "{\"type\":\"AuthorizationException\",\"message\":\"task 42 does not exist\"}")
			.getContentAsString()).contains("AuthorizationException");
	}

	@Test
	void anUnknownIdIsNotFound() throws Exception {
		MockHttpServletResponse response = answer(500,
				"{\"type\":\"NullValueException\",\"message\":\"task 42 doesn't exist: task is null\"}");

		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"InvalidRequestException\",\"message\":"
				+ "\"There is no task with id '42', or it belongs to a customer organisation you do not serve.\"}");
	}

	private MockHttpServletResponse answer(int status, String body) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain engineApi = (request, answer) -> {
			HttpServletResponse http = (HttpServletResponse) answer;
			http.setStatus(status);
			http.setContentType("application/json");
			http.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
		};
		this.filter.doFilter(new MockHttpServletRequest("GET", "/engine-rest/task/42"), response, engineApi);
		return response;
	}

}
