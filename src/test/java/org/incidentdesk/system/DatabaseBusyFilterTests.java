package org.incidentdesk.system;

import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseBusyFilterTests {

	private final DatabaseBusyFilter filter = new DatabaseBusyFilter();

	@Test
	void answersBusyWhenTheSignInFoundNoFreeConnection() throws Exception {
		// Given a sign-in that waited for a connection in vain
		MockHttpServletResponse response = new MockHttpServletResponse();

		// When
		this.filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/incidents"), response, (req, res) -> {
			throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
					new SQLTransientConnectionException(
							"Connection is not available, request timed out after 30000ms"));
		});

		// Then
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":503").contains("nothing was changed");
	}

	@Test
	void letsEveryOtherFailureThrough() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/incidents"),
					new MockHttpServletResponse(), (req, res) -> {
						throw new IllegalStateException("a bug");
					}));
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> this.filter.doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"),
					new MockHttpServletResponse(), (req, res) -> {
						throw new ServletException("something else");
					}));
	}

}
