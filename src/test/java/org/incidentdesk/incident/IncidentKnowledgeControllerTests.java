package org.incidentdesk.incident;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.incidentdesk.knowledge.KnowledgeArticle;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.system.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The knowledge-draft endpoint's web layer: who may draft, and from what. */
@WebMvcTest(IncidentKnowledgeController.class)
class IncidentKnowledgeControllerTests {

	private static final CurrentUser AGENT = new CurrentUser("sam", List.of("service-desk"), List.of("acme"));

	private static final CurrentUser CALLER = new CurrentUser("alice", List.of("customers"), List.of("acme"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	IncidentAccess access;

	@MockitoBean
	KnowledgeBase knowledge;

	@Test
	void anAgentDraftsFromAResolvedIncident() throws Exception {
		Incident incident = incident("Camera black", "Restart Teams.");
		given(this.access.visible("INC0001001", AGENT)).willReturn(incident);
		KnowledgeArticle draft = mock(KnowledgeArticle.class);
		given(draft.number()).willReturn("KB0001009");
		given(this.knowledge.draftFromResolution(null, "Camera black", "It does not work.", "Restart Teams.", "sam"))
			.willReturn(draft);

		this.mvc.perform(as(AGENT, post("/api/v1/incidents/INC0001001/knowledge-draft")))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/knowledge/articles/KB0001009"));
	}

	@Test
	void anUnresolvedIncidentHasNothingToDraft() throws Exception {
		given(this.access.visible("INC0001001", AGENT)).willReturn(incident("Camera black", null));

		this.mvc.perform(as(AGENT, post("/api/v1/incidents/INC0001001/knowledge-draft")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no resolution yet")));
		then(this.knowledge).should(never()).draftFromResolution(any(), any(), any(), any(), any());
	}

	@Test
	void callersCannotDraftAndLearnNothingAboutTheIncident() throws Exception {
		this.mvc.perform(as(CALLER, post("/api/v1/incidents/INC0001001/knowledge-draft")))
			.andExpect(status().isForbidden());
		then(this.access).should(never()).visible(eq("INC0001001"), any());
	}

	private static Incident incident(String summary, String resolutionNotes) {
		return new Incident(1, "INC0001001", "acme", "alice", "alice", Channel.PORTAL, summary, "It does not work.",
				"software", null, Level.LOW, Level.LOW, "P5", IncidentState.RESOLVED, null, "service-desk", "sam", 1,
				false, null, null, null, null, null, null, null, null, "SOLVED_PERMANENTLY", resolutionNotes, null,
				null, null, null, null, 0, 0, 0, null, null, null, null, 0, false, null, 0);
	}

	private static MockHttpServletRequestBuilder as(CurrentUser user, MockHttpServletRequestBuilder request) {
		return request.with(csrf())
			.with(authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())));
	}

}
