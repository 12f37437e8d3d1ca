package org.incidentdesk.incident;

import java.time.OffsetDateTime;
import java.util.List;

import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.system.CurrentUser;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The incidents API over HTTP with the services mocked. The slice runs with Spring
 * Security's default configuration (the application's {@code SecurityConfig} needs the
 * process engine), so requests that change something carry a CSRF token; the signed-in
 * user is a {@link CurrentUser}, as in the application.
 */
@WebMvcTest(IncidentController.class)
class IncidentControllerTests {

	private static final CurrentUser ALICE = new CurrentUser("alice", List.of(CurrentUser.CUSTOMERS), List.of("acme"));

	private static final CurrentUser SAM = new CurrentUser("sam", List.of(CurrentUser.SERVICE_DESK),
			List.of("acme", "globex"));

	private static final String REPORT = """
			{"summary": "VPN does not connect", "category": "network", "ciName": "ACME-VPN",
			 "impact": "MEDIUM", "urgency": "MEDIUM"}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	IncidentService incidents;

	@MockitoBean
	IncidentRecords records;

	@MockitoBean
	IncidentAccess access;

	@MockitoBean
	IdempotentReports idempotentReports;

	/** A mock answers null: the views here leave the SLA status out, as lists do. */
	@MockitoBean
	SlaStatuses slaStatuses;

	@Test
	void reportsAnIncidentForTheSignedInCaller() throws Exception {
		// Given
		given(this.incidents.report(any())).willReturn(incident("INC0001001", "alice"));

		// When / Then
		this.mvc.perform(json(post("/api/v1/incidents"), REPORT).with(as(ALICE)))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/incidents/INC0001001"))
			.andExpect(jsonPath("$.number").value("INC0001001"))
			.andExpect(jsonPath("$.state").value("NEW"))
			.andExpect(jsonPath("$.assignmentGroup").doesNotExist());
		ArgumentCaptor<ReportIncident> report = ArgumentCaptor.forClass(ReportIncident.class);
		then(this.incidents).should().report(report.capture());
		assertThat(report.getValue().tenantId()).isEqualTo("acme");
		assertThat(report.getValue().callerId()).isEqualTo("alice");
		assertThat(report.getValue().channel()).isEqualTo(Channel.API);
	}

	@Test
	void replaysAReportWithAKnownIdempotencyKey() throws Exception {
		// Given
		given(this.idempotentReports.report(any(), any()))
			.willReturn(new IdempotentReports.Reported(incident("INC0001001", "alice"), true));

		// When / Then
		this.mvc.perform(json(post("/api/v1/incidents"), REPORT).header("Idempotency-Key", "k-1").with(as(ALICE)))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/incidents/INC0001001"))
			.andExpect(header().string("Idempotent-Replayed", "true"));
		ArgumentCaptor<IdempotencyKey> key = ArgumentCaptor.forClass(IdempotencyKey.class);
		then(this.idempotentReports).should().report(any(), key.capture());
		assertThat(key.getValue().userId()).isEqualTo("alice");
		assertThat(key.getValue().requestHash()).hasSize(64);
		then(this.incidents).shouldHaveNoInteractions();
	}

	@Test
	void refusesAnIdempotencyKeyLongerThanOneHundredCharacters() throws Exception {
		this.mvc
			.perform(json(post("/api/v1/incidents"), REPORT).header("Idempotency-Key", "k".repeat(101)).with(as(ALICE)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("at most 100")));
		then(this.idempotentReports).shouldHaveNoInteractions();
		then(this.incidents).shouldHaveNoInteractions();
	}

	@Test
	void refusesAnUnknownFieldAsProblem() throws Exception {
		this.mvc
			.perform(json(post("/api/v1/incidents"), REPORT.replace("}", ", \"priority\": \"P1\"}")).with(as(ALICE)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Unknown field 'priority'")));
		then(this.incidents).shouldHaveNoInteractions();
	}

	@Test
	void refusesAValueThatIsNoLevelAsProblem() throws Exception {
		this.mvc
			.perform(json(post("/api/v1/incidents"), REPORT.replace("\"impact\": \"MEDIUM\"", "\"impact\": \"HUGE\""))
				.with(as(ALICE)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("'impact' has the value 'HUGE'")));
		then(this.incidents).shouldHaveNoInteractions();
	}

	@Test
	void refusesASummaryLongerThanTwoHundredCharacters() throws Exception {
		this.mvc
			.perform(json(post("/api/v1/incidents"), REPORT.replace("VPN does not connect", "x".repeat(201)))
				.with(as(ALICE)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors", hasItem("summary size must be between 0 and 200")));
		then(this.incidents).shouldHaveNoInteractions();
	}

	@Test
	void answersAnIncidentTheUserMayNotSeeWithNotFound() throws Exception {
		// Given
		given(this.access.visible("INC0009999", ALICE)).willThrow(new IncidentNotFoundException("INC0009999"));

		// When / Then
		this.mvc.perform(get("/api/v1/incidents/INC0009999").with(as(ALICE)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("INC0009999")));
		this.mvc.perform(get("/api/v1/incidents/INC0009999/suggestions").with(as(ALICE)))
			.andExpect(status().isNotFound());
	}

	@Test
	void forbidsCallersToWriteWorkNotes() throws Exception {
		this.mvc
			.perform(json(post("/api/v1/incidents/INC0001001/work-notes"), "{\"body\": \"internal\"}").with(as(ALICE)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Only service desk and support staff")));
		then(this.incidents).shouldHaveNoInteractions();
		then(this.access).shouldHaveNoInteractions();
	}

	@Test
	void writesAWorkNoteForStaff() throws Exception {
		// Given
		given(this.access.visible("INC0001001", SAM)).willReturn(incident("INC0001001", "alice"));

		// When / Then
		this.mvc
			.perform(json(post("/api/v1/incidents/INC0001001/work-notes"), "{\"body\": \"Checked the logs.\"}")
				.with(as(SAM)))
			.andExpect(status().isCreated());
		then(this.incidents).should().comment("INC0001001", "sam", "Checked the logs.", Visibility.INTERNAL);
	}

	@Test
	void putsAnIncidentOnHoldOnlyWithAReason() throws Exception {
		// Given
		given(this.access.visible("INC0001001", SAM)).willReturn(incident("INC0001001", "alice"));

		// When / Then
		this.mvc.perform(json(post("/api/v1/incidents/INC0001001/hold"), "{\"comment\": \"Waiting.\"}").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors", hasItem("reason must not be null")));
		this.mvc.perform(json(post("/api/v1/incidents/INC0001001/hold"), "{\"reason\": \"LATER\"}").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("'reason' has the value 'LATER'")));
		then(this.incidents).shouldHaveNoInteractions();
		this.mvc
			.perform(json(post("/api/v1/incidents/INC0001001/hold"),
					"{\"reason\": \"AWAITING_VENDOR\", \"comment\": \"Vendor ticket 42.\"}")
				.with(as(SAM)))
			.andExpect(status().isNoContent());
		then(this.incidents).should().hold("INC0001001", HoldReason.AWAITING_VENDOR, "Vendor ticket 42.");
	}

	@Test
	void answersAnIllegalTransitionWithConflict() throws Exception {
		// Given
		given(this.access.visible("INC0001001", SAM)).willReturn(incident("INC0001001", "alice"));
		willThrow(new IllegalIncidentStateException("Incident INC0001001 is in progress.")).given(this.incidents)
			.resume("INC0001001");

		// When / Then
		this.mvc.perform(post("/api/v1/incidents/INC0001001/resume").with(csrf()).with(as(SAM)))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void refusesAnUnknownSortFieldNamingTheAllowedOnes() throws Exception {
		this.mvc.perform(get("/api/v1/incidents").param("sort", "summary,desc").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Cannot sort by 'summary'")))
			.andExpect(jsonPath("$.detail",
					containsString("createdAt, updatedAt, priority, state, number, resolutionDueAt")));
		then(this.records).shouldHaveNoInteractions();
	}

	@Test
	void passesPaginationFiltersAndSortToTheSearch() throws Exception {
		// Given
		given(this.records.search(any()))
			.willReturn(new IncidentRecords.Found(List.of(incident("INC0001001", "alice")), 11, true));

		// When / Then
		this.mvc
			.perform(get("/api/v1/incidents").param("page", "2")
				.param("size", "5")
				.param("state", "NEW,IN_PROGRESS")
				.param("sort", "priority,asc")
				.param("sort", "createdAt,desc")
				.param("q", "vpn")
				.with(as(SAM)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].number").value("INC0001001"))
			.andExpect(jsonPath("$.page").value(2))
			.andExpect(jsonPath("$.size").value(5))
			.andExpect(jsonPath("$.totalItems").value(11))
			.andExpect(jsonPath("$.totalItemsExact").value(true))
			.andExpect(jsonPath("$.totalPages").value(3));
		ArgumentCaptor<IncidentFilter> filter = ArgumentCaptor.forClass(IncidentFilter.class);
		then(this.records).should().search(filter.capture());
		assertThat(filter.getValue().offset()).isEqualTo(10);
		assertThat(filter.getValue().states()).containsExactlyInAnyOrder(IncidentState.NEW, IncidentState.IN_PROGRESS);
		assertThat(filter.getValue().sort()).containsExactly(new IncidentSort.Order(IncidentSort.PRIORITY, false),
				new IncidentSort.Order(IncidentSort.CREATED_AT, true));
		assertThat(filter.getValue().scope().tenants()).containsExactly("acme", "globex");
		assertThat(filter.getValue().text()).isEqualTo("vpn");
	}

	@Test
	void saysWhenMoreIncidentsMatchThanTheListCounts() throws Exception {
		// Given more than 1,000 matches
		given(this.records.search(any())).willReturn(new IncidentRecords.Found(List.of(), 1_000, false));

		// When / Then
		this.mvc.perform(get("/api/v1/incidents").param("size", "100").with(as(SAM)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalItems").value(1_000))
			.andExpect(jsonPath("$.totalItemsExact").value(false))
			.andExpect(jsonPath("$.totalPages").value(10));
	}

	@Test
	void refusesAPageBeyondTheFirstThousandIncidentsWithAWayToReachThem() throws Exception {
		given(this.records.search(any())).willReturn(new IncidentRecords.Found(List.of(), 1_000, false));

		this.mvc.perform(get("/api/v1/incidents").param("page", "10").param("size", "100").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("beyond the first 1000 incidents")))
			.andExpect(jsonPath("$.detail", containsString("Narrow the filter")));
		this.mvc.perform(get("/api/v1/incidents").param("page", "9").param("size", "100").with(as(SAM)))
			.andExpect(status().isOk());
		then(this.records).should().search(any());
	}

	@Test
	void usesTheFirstPageOfTwentyByDefault() throws Exception {
		// Given
		given(this.records.search(any())).willReturn(new IncidentRecords.Found(List.of(), 0, true));

		// When / Then
		this.mvc.perform(get("/api/v1/incidents").with(as(ALICE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(20))
			.andExpect(jsonPath("$.totalPages").value(0));
		ArgumentCaptor<IncidentFilter> filter = ArgumentCaptor.forClass(IncidentFilter.class);
		then(this.records).should().search(filter.capture());
		assertThat(filter.getValue().scope().callerId()).isEqualTo("alice");
		assertThat(filter.getValue().sort()).isEqualTo(IncidentSort.DEFAULT);
	}

	@Test
	void refusesPagesOutOfRangeAndUnreadableParametersAsProblem() throws Exception {
		this.mvc.perform(get("/api/v1/incidents").param("size", "0").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors", hasItem("size must be greater than or equal to 1")));
		this.mvc.perform(get("/api/v1/incidents").param("size", "101").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors", hasItem("size must be less than or equal to 100")));
		this.mvc.perform(get("/api/v1/incidents").param("page", "-1").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors", hasItem("page must be greater than or equal to 0")));
		this.mvc.perform(get("/api/v1/incidents").param("page", "two").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("page has the value 'two', which is not a whole number")));
		this.mvc.perform(get("/api/v1/incidents").param("state", "OPEN").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("one or more of NEW, IN_PROGRESS")));
		this.mvc.perform(get("/api/v1/incidents").param("createdFrom", "yesterday").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("ISO-8601 instant")));
		this.mvc.perform(get("/api/v1/incidents").param("stat", "NEW").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("Unknown query parameter(s) [stat]")));
		then(this.records).shouldHaveNoInteractions();
	}

	@Test
	void forbidsCallersToFilterByWhatTheyDoNotSee() throws Exception {
		this.mvc.perform(get("/api/v1/incidents").param("assignee", "ivan").with(as(ALICE)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail", containsString("Callers cannot filter by assignee")));
		then(this.records).shouldHaveNoInteractions();
	}

	@Test
	void showsCallersOnlyPublicSuggestions() throws Exception {
		// Given
		given(this.access.visible("INC0001001", ALICE)).willReturn(incident("INC0001001", "alice"));
		given(this.records.suggestionsForCaller("INC0001001"))
			.willReturn(List.of(new Suggestion(7, "KB0001007", "Reset the VPN profile", "ARTICLE", 3.5f)));

		// When / Then
		this.mvc.perform(get("/api/v1/incidents/INC0001001/suggestions").with(as(ALICE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].articleNumber").value("KB0001007"));
		then(this.records).should(never()).suggestions(eq("INC0001001"));
	}

	private static RequestPostProcessor as(CurrentUser user) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body).with(csrf());
	}

	private static Incident incident(String number, String caller) {
		OffsetDateTime now = OffsetDateTime.parse("2026-03-02T08:00:00Z");
		return new Incident(1, number, "acme", caller, caller, Channel.API, "VPN does not connect", null, "network",
				null, Level.MEDIUM, Level.MEDIUM, "P3", IncidentState.NEW, null, "service-desk", null, 1, false, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0, 0, 0, null,
				"pi-1", now, now, 0, false, null, 0);
	}

}
