package org.incidentdesk.incident;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Says which query parameter of the incidents API could not be read and what it should
 * look like. Spring's own message for a value it cannot convert names Java types;
 * everything else reads as the application-wide handler writes it.
 */
@RestControllerAdvice(assignableTypes = IncidentController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IncidentApiProblems {

	private static final String INSTANT = "an ISO-8601 instant such as 2026-03-02T08:00:00Z";

	private static final Map<String, String> EXPECTED = Map.of("state",
			"one or more of " + String.join(", ", Arrays.stream(IncidentState.values()).map(Enum::name).toList()),
			"major", "true or false", "page", "a whole number from 0", "size", "a whole number from 1 to 100",
			"createdFrom", INSTANT, "createdTo", INSTANT);

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalid(MethodArgumentNotValidException ex) {
		List<String> errors = ex.getBindingResult().getFieldErrors().stream().map(this::describe).sorted().toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Correct these fields: " + String.join("; ", errors) + ".");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private String describe(FieldError error) {
		if (error.isBindingFailure()) {
			String field = error.getField().replaceAll("\\[\\d+]$", "");
			return field + " has the value '" + error.getRejectedValue() + "', which is not "
					+ EXPECTED.getOrDefault(field, "of the right type");
		}
		return error.getField() + " " + error.getDefaultMessage();
	}

}
