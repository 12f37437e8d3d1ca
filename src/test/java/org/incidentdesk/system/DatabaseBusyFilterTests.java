package org.incidentdesk.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
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
	void theBusyAnswerKeepsTheBrowserProtectionsButNothingElseOfTheFailedRequest() throws Exception {
		// Given a request whose security chain wrote its headers and whose handler began
		// a download before it found no free connection
		MockHttpServletResponse response = new MockHttpServletResponse();

		// When
		this.filter.doFilter(new MockHttpServletRequest("GET", "/portal/incidents/INC0000001/attachments/1"), response,
				(req, res) -> {
					var http = (HttpServletResponse) res;
					http.setHeader("Content-Disposition", "attachment; filename=\"x.png\"");
					http.setHeader("Referrer-Policy", "same-origin");
					http.setHeader("X-Content-Type-Options", "nosniff");
					http.setHeader("X-Frame-Options", "DENY");
					throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
							new SQLTransientConnectionException("Connection is not available"));
				});

		// Then
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeader("Content-Disposition")).isNull();
	}

	@Test
	void answersUnavailableWhenTheDatabaseCannotBeReached() throws Exception {
		// Given a request whose database went away: refused while it restarts, a pooled
		// connection that it ended, or a server still starting up
		List<Exception> failures = List.of(
				new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
						new SQLTransientConnectionException("Connection is not available",
								new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"))),
				new DataAccessResourceFailureException("I/O error",
						new SQLException("An I/O error occurred while sending to the backend.", "08006")),
				new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
						new SQLException("terminating connection due to administrator command", "57P01")),
				new IllegalStateException(new SQLException("the database system is starting up", "57P03")));
		for (Exception failure : failures) {
			MockHttpServletResponse response = new MockHttpServletResponse();

			// When
			this.filter.doFilter(new MockHttpServletRequest("GET", "/portal"), response, (req, res) -> {
				throw (RuntimeException) failure;
			});

			// Then
			assertThat(response.getStatus()).as(failure.toString()).isEqualTo(503);
			assertThat(response.getHeader("Retry-After")).isEqualTo("5");
			assertThat(response.getContentType()).startsWith("application/problem+json");
			assertThat(response.getContentAsString()).contains("\"title\":\"Database unavailable\"")
				.contains("cannot reach its database");
		}
	}

	@Test
	void letsEveryOtherFailureThrough() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/incidents"),
					new MockHttpServletResponse(), (req, res) -> {
						throw new DataIntegrityViolationException("duplicate key",
								new SQLException("duplicate key value violates unique constraint", "23505"));
					}));
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
