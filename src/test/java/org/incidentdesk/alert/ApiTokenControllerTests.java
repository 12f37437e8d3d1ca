package org.incidentdesk.alert;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;

import org.incidentdesk.system.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The administrators' API-token endpoints: who may use them and what they check. */
@WebMvcTest(ApiTokenController.class)
class ApiTokenControllerTests {

	private static final CurrentUser ADMIN = new CurrentUser("demo", List.of("camunda-admin"), List.of());

	private static final CurrentUser AGENT = new CurrentUser("sam", List.of("service-desk"), List.of("acme"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ApiTokens tokens;

	@Test
	void anAdministratorGetsTheNewTokenOnce() throws Exception {
		given(this.tokens.issue("acme", "acme-monitoring", "Prometheus", "demo"))
			.willReturn(new IssuedToken(7, "idk_secret"));

		this.mvc
			.perform(as(ADMIN,
					post("/api/v1/admin/api-tokens").contentType(MediaType.APPLICATION_JSON)
						.content("{\"tenantId\":\"acme\",\"userId\":\"acme-monitoring\",\"name\":\" Prometheus \"}")))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/admin/api-tokens/7"))
			.andExpect(jsonPath("$.token").value("idk_secret"));
	}

	@Test
	void nobodyElseCanIssueTokens() throws Exception {
		this.mvc
			.perform(as(AGENT,
					post("/api/v1/admin/api-tokens").contentType(MediaType.APPLICATION_JSON)
						.content("{\"tenantId\":\"acme\",\"userId\":\"acme-monitoring\",\"name\":\"Prometheus\"}")))
			.andExpect(status().isForbidden());
		then(this.tokens).should(never()).issue(any(), any(), any(), any());
	}

	@Test
	void aRequestWithoutTenantUserOrNameIsRefused() throws Exception {
		this.mvc
			.perform(as(ADMIN,
					post("/api/v1/admin/api-tokens").contentType(MediaType.APPLICATION_JSON)
						.content("{\"tenantId\":\"acme\"}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("userId")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("name")));
	}

	@Test
	void revokingAnUnknownTokenSaysSo() throws Exception {
		given(this.tokens.find(99)).willReturn(Optional.empty());

		this.mvc.perform(as(ADMIN, delete("/api/v1/admin/api-tokens/99")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no API token 99")));
	}

	private static MockHttpServletRequestBuilder as(CurrentUser user, MockHttpServletRequestBuilder request) {
		return request.with(csrf())
			.with(authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())));
	}

}
