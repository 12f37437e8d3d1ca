package org.incidentdesk.cmdb;

import java.time.OffsetDateTime;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The CMDB API with the CMDB mocked. The application's {@code SecurityConfig} is not part
 * of the slice, so Spring Security's defaults apply: requests that change something carry
 * a CSRF token. Users are {@link CurrentUser} principals, as the application's
 * authentication provider makes them. The application's problem-detail advice is part of
 * the slice.
 */
@WebMvcTest(CmdbController.class)
class CmdbControllerTests {

	private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T08:00:00Z");

	private static final CurrentUser ALICE = new CurrentUser("alice@acme", List.of(CurrentUser.CUSTOMERS),
			List.of("acme"));

	private static final CurrentUser SAM = new CurrentUser("sam", List.of(CurrentUser.SERVICE_DESK),
			List.of("acme", "globex"));

	private static final CurrentUser AUDREY = new CurrentUser("audrey", List.of(CurrentUser.AUDITORS), List.of());

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Cmdb cmdb;

	@MockitoBean
	CmdbImport imports;

	@Test
	void listsTheItemsOfATenantTheStaffMemberServes() throws Exception {
		// Given
		given(this.cmdb.listFiltered("globex", CiType.HARDWARE, "mail"))
			.willReturn(List.of(item(7, "globex", "mail-01", null), item(8, "globex", "mail-02", 7L)));

		// When / Then
		this.mvc
			.perform(get("/api/v1/cmdb/items").param("tenantId", "globex")
				.param("type", "HARDWARE")
				.param("q", "mail")
				.with(as(SAM)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("mail-01"))
			.andExpect(jsonPath("$[0].tenantId").value("globex"))
			.andExpect(jsonPath("$[1].parentId").value(7))
			.andExpect(jsonPath("$[1].children").doesNotExist());
	}

	@Test
	void listsTheCallersOwnOrganisationWhenNoTenantIsNamed() throws Exception {
		// Given
		given(this.cmdb.listFiltered("acme", null, null)).willReturn(List.of(item(1, "acme", "laptop-alice", null)));

		// When / Then
		this.mvc.perform(get("/api/v1/cmdb/items").with(as(ALICE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("laptop-alice"));
	}

	@Test
	void answersAnotherOrganisationsTenantWithNotFoundProblem() throws Exception {
		// When / Then a caller asking for another customer, and staff for a customer they
		// do not serve
		this.mvc.perform(get("/api/v1/cmdb/items").param("tenantId", "globex").with(as(ALICE)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("No such tenant for you"));
		this.mvc.perform(get("/api/v1/cmdb/items").param("tenantId", "initech").with(as(SAM)))
			.andExpect(status().isNotFound());
		then(this.cmdb).shouldHaveNoInteractions();
	}

	@Test
	void letsAuditorsReadAnyTenant() throws Exception {
		// Given
		given(this.cmdb.listFiltered("initech", null, null)).willReturn(List.of());

		// When / Then
		this.mvc.perform(get("/api/v1/cmdb/items").param("tenantId", "initech").with(as(AUDREY)))
			.andExpect(status().isOk())
			.andExpect(content().json("[]"));
	}

	@Test
	void requiresStaffToNameTheTenant() throws Exception {
		// When / Then
		this.mvc.perform(get("/api/v1/cmdb/items").with(as(SAM)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0]", containsString("tenantId is required")));
	}

	@Test
	void showsAnItemWithItsChildren() throws Exception {
		// Given
		given(this.cmdb.find(7)).willReturn(Optional.of(item(7, "acme", "mail-01", 3L)));
		given(this.cmdb.childrenOf("acme", 7)).willReturn(List.of(8L, 9L));

		// When / Then
		this.mvc.perform(get("/api/v1/cmdb/items/7").with(as(ALICE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.parentId").value(3))
			.andExpect(jsonPath("$.children").value(containsInAnyOrder(8, 9)));
	}

	@Test
	void hidesAnItemOfAnotherOrganisation() throws Exception {
		// Given
		given(this.cmdb.find(7)).willReturn(Optional.of(item(7, "globex", "mail-01", null)));

		// When / Then
		this.mvc.perform(get("/api/v1/cmdb/items/7").with(as(ALICE)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Unknown configuration item"))
			.andExpect(jsonPath("$.detail", containsString("7")));
	}

	@Test
	void registersAnItemWithItsParentNamedByName() throws Exception {
		// Given
		given(this.cmdb.findByName("acme", "rack-1")).willReturn(Optional.of(item(3, "acme", "rack-1", null)));
		given(this.cmdb.create(new NewConfigurationItem("acme", "mail-01", CiType.HARDWARE, "Jakarta DC", false, 3L)))
			.willReturn(item(7, "acme", "mail-01", 3L));

		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items").with(as(SAM))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"tenantId": "acme", "name": " mail-01 ", "type": "HARDWARE", "location": "Jakarta DC",
						 "remotelyServiceable": false, "parentName": "rack-1"}
						"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/cmdb/items/7"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.parentId").value(3));
	}

	@Test
	void forbidsCallersAndAuditorsToRegisterItems() throws Exception {
		// Given
		String body = """
				{"tenantId": "acme", "name": "mail-01", "type": "HARDWARE", "remotelyServiceable": true}
				""";

		// When / Then
		for (CurrentUser user : List.of(ALICE, AUDREY)) {
			this.mvc
				.perform(post("/api/v1/cmdb/items").with(as(user))
					.with(csrf())
					.contentType(MediaType.APPLICATION_JSON)
					.content(body))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Not allowed to change the CMDB"));
		}
		then(this.cmdb).shouldHaveNoInteractions();
	}

	@Test
	void rejectsAnInvalidItemNamingTheFields() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items").with(as(SAM))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"tenantId": "acme", "name": " ", "type": "HARDWARE", "location": "%s"}
						""".formatted("x".repeat(201))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors").value(containsInAnyOrder("location size must be between 0 and 200",
					"name must not be blank", "remotelyServiceable must not be null")));
		then(this.cmdb).shouldHaveNoInteractions();
	}

	@Test
	void rejectsAnUnknownTypeAsProblem() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items").with(as(SAM))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"tenantId": "acme", "name": "mail-01", "type": "TOASTER", "remotelyServiceable": true}
						"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("TOASTER")));
	}

	@Test
	void rejectsAnUnknownParentName() throws Exception {
		// Given
		given(this.cmdb.findByName("acme", "rack-9")).willReturn(Optional.empty());

		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items").with(as(SAM))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"tenantId": "acme", "name": "mail-01", "type": "HARDWARE", "remotelyServiceable": true,
						 "parentName": "rack-9"}
						"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0]").value("parentName 'rack-9' is not a configuration item of tenant acme"));
		then(this.cmdb).should(never()).create(any());
	}

	@Test
	void answersADuplicateNameWithConflictProblem() throws Exception {
		// Given
		given(this.cmdb.create(any())).willThrow(new DuplicateConfigurationItemException("acme", "mail-01", 7));

		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items").with(as(SAM))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"tenantId": "acme", "name": "mail-01", "type": "HARDWARE", "remotelyServiceable": true}
						"""))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("already has a configuration item named 'mail-01'")))
			.andExpect(jsonPath("$.existingId").value(7));
	}

	@Test
	void registersOnlyForTenantsTheStaffMemberServes() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items").with(as(SAM))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"tenantId": "initech", "name": "mail-01", "type": "HARDWARE", "remotelyServiceable": true}
						"""))
			.andExpect(status().isNotFound());
		then(this.cmdb).shouldHaveNoInteractions();
	}

	@Test
	void changesAnItem() throws Exception {
		// Given
		given(this.cmdb.find(7)).willReturn(Optional.of(item(7, "acme", "mail-01", null)));
		given(this.cmdb.update("acme", 7, new ConfigurationItemChange(CiType.SERVICE, null, true, 3L)))
			.willReturn(item(7, "acme", "mail-01", 3L));

		// When / Then
		this.mvc
			.perform(put("/api/v1/cmdb/items/7").with(as(SAM))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"type": "SERVICE", "remotelyServiceable": true, "parentId": 3}
						"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.parentId").value(3));
	}

	@Test
	void forbidsCallersToChangeTheirItems() throws Exception {
		// Given
		given(this.cmdb.find(7)).willReturn(Optional.of(item(7, "acme", "mail-01", null)));

		// When / Then
		this.mvc
			.perform(put("/api/v1/cmdb/items/7").with(as(ALICE))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"type": "SERVICE", "remotelyServiceable": true}
						"""))
			.andExpect(status().isForbidden());
		then(this.cmdb).should(never()).update(anyString(), any(Long.class), any());
	}

	@Test
	void importsCsvAndReportsTheCounts() throws Exception {
		// Given
		String csv = "name,type,location,remotely_serviceable,parent\r\nmail-01,HARDWARE,,true,\r\n";
		given(this.imports.importCsv("acme", csv)).willReturn(new ImportResult(1, 0, 0));

		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items/import").param("tenantId", "acme")
				.with(as(SAM))
				.with(csrf())
				.contentType("text/csv")
				.content(csv))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.updated").value(0));
	}

	@Test
	void refusesAnImportLargerThanOneMegabyte() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items/import").param("tenantId", "acme")
				.with(as(SAM))
				.with(csrf())
				.contentType("text/csv")
				.content(new byte[CmdbController.MAX_IMPORT_BYTES + 1]))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.imports).shouldHaveNoInteractions();
	}

	@Test
	void answersARejectedImportWithEveryBadLine() throws Exception {
		// Given
		given(this.imports.importCsv(anyString(), anyString()))
			.willThrow(new RejectedImportException(List.of("line 2: name is missing",
					"line 5: type 'X' is not one " + "of [HARDWARE, SOFTWARE, NETWORK, SERVICE]")));

		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items/import").param("tenantId", "acme")
				.with(as(SAM))
				.with(csrf())
				.contentType("text/csv")
				.content("whatever"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Import rejected"))
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0]").value("line 2: name is missing"));
	}

	@Test
	void refusesAnImportThatIsNotUtf8() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items/import").param("tenantId", "acme")
				.with(as(SAM))
				.with(csrf())
				.contentType("text/csv")
				.content(new byte[] { 'a', (byte) 0xE9, '\n' }))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0]", containsString("not valid UTF-8")));
		then(this.imports).shouldHaveNoInteractions();
	}

	@Test
	void forbidsCallersToImport() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/cmdb/items/import").param("tenantId", "acme")
				.with(as(ALICE))
				.with(csrf())
				.contentType("text/csv")
				.content("name,type,location,remotely_serviceable,parent\n"))
			.andExpect(status().isForbidden());
		then(this.imports).shouldHaveNoInteractions();
	}

	@Test
	void turnsAwayAnonymousUsers() throws Exception {
		// When / Then
		this.mvc.perform(get("/api/v1/cmdb/items").param("tenantId", "acme")).andExpect(status().isUnauthorized());
		then(this.cmdb).shouldHaveNoInteractions();
	}

	private static RequestPostProcessor as(CurrentUser user) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
	}

	private static ConfigurationItem item(long id, String tenant, String name, Long parentId) {
		return new ConfigurationItem(id, tenant, name, CiType.HARDWARE, "Jakarta DC", false, parentId, NOW, NOW);
	}

}
