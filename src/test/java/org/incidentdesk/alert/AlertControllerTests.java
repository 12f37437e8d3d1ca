package org.incidentdesk.alert;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.incidentdesk.system.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The alert webhook's web layer: payload validation, outcomes, and the 503 that makes
 * Alertmanager retry. The API-token security chain is tested full stack in
 * {@link AlertIntakeTests}; this slice runs with Spring Boot's default security and a
 * token client's principal.
 */
@WebMvcTest(AlertController.class)
class AlertControllerTests {

	private static final CurrentUser MONITORING = new CurrentUser("acme-monitoring", List.of(), List.of("acme"));

	private static final String FIRING = """
			{"version":"4","status":"firing","receiver":"incident-desk","alerts":[{"status":"firing",
			 "labels":{"alertname":"VpnDown","instance":"ACME-VPN","severity":"critical"},
			 "annotations":{"summary":"VPN gateway down"},"startsAt":"2026-03-02T09:00:00Z",
			 "endsAt":"0001-01-01T00:00:00Z","fingerprint":"abc123"}]}
			""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AlertIntake intake;

	@Test
	void aFiringAlertReportsTheIncidentItOpened() throws Exception {
		given(this.intake.receive(eq("acme"), eq("acme-monitoring"), any()))
			.willReturn(List.of(new AlertOutcome("abc123", "INC0001234", AlertOutcome.Action.OPENED)));

		this.mvc.perform(webhook(FIRING))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.incidents[0].incidentNumber").value("INC0001234"))
			.andExpect(jsonPath("$.incidents[0].action").value("OPENED"));
	}

	@Test
	void aNotificationWithoutAlertsIsRefusedWithAReason() throws Exception {
		this.mvc.perform(webhook("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at least one alert")));
		then(this.intake).should(never()).receive(any(), any(), any());
	}

	@Test
	void anAlertWithABadStatusOrNoLabelsIsRefused() throws Exception {
		this.mvc.perform(webhook("{\"status\":\"firing\",\"alerts\":[{\"status\":\"burning\",\"labels\":{}}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'firing' or 'resolved'")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("alertname")));
	}

	@Test
	void aBodyThatIsNotJsonIsRefused() throws Exception {
		this.mvc.perform(webhook("{\"alerts\": [")).andExpect(status().isBadRequest());
	}

	@Test
	void aDeliveryThatMeetsAnotherOfTheSameAlertsAsksForARetry() throws Exception {
		given(this.intake.receive(any(), any(), any()))
			.willThrow(new PessimisticLockingFailureException("lock timeout"));

		this.mvc.perform(webhook(FIRING))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"));
	}

	private static MockHttpServletRequestBuilder webhook(String body) {
		return post("/api/v1/alerts").contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(csrf())
			.with(authentication(UsernamePasswordAuthenticationToken.authenticated(MONITORING, null, List.of())));
	}

}
