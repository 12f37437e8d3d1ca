package org.incidentdesk.system;

import java.util.List;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the project's API leaves as an RFC 9457 problem detail whose message
 * says what to change. Bad input is a 4xx, never a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/**
	 * The domain's refusals ({@link DomainException}), mapped to a status here and
	 * nowhere else; Spring's own handling of an error response adds the rest (the
	 * instance).
	 */
	@ExceptionHandler(DomainException.class)
	ResponseEntity<Object> refused(DomainException ex, WebRequest request) {
		HttpStatus status = switch (ex.kind()) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
			case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
			case CONTRADICTS -> HttpStatus.UNPROCESSABLE_ENTITY;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		if (ex.title() != null) {
			problem.setTitle(ex.title());
		}
		ex.properties().forEach(problem::setProperty);
		return handleErrorResponseException(new ErrorResponseException(status, problem, ex), new HttpHeaders(), status,
				request);
	}

	@ExceptionHandler(BadUserRequestException.class)
	ProblemDetail badRequest(BadUserRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "The request cannot be carried out", ex.getMessage());
	}

	/**
	 * The engine wraps what its listeners throw; a refused task outcome is still the
	 * caller's to fix.
	 */
	@ExceptionHandler(ProcessEngineException.class)
	ResponseEntity<ProblemDetail> engineFailure(ProcessEngineException ex) {
		BadUserRequestException rejected = Causes.find(ex, BadUserRequestException.class);
		if (rejected != null) {
			return ResponseEntity.badRequest().body(badRequest(rejected));
		}
		if (ConflictRetry.isConflict(ex) || DatabaseBusyFilter.isNoConnection(ex)) {
			return busy(ex);
		}
		logger.error("Process engine failure", ex);
		return ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
					"The process engine failed; the change was not made. Try again later."));
	}

	@ExceptionHandler(OptimisticLockingException.class)
	ProblemDetail concurrentChange(OptimisticLockingException ex) {
		return problem(HttpStatus.CONFLICT, "Changed at the same time",
				"Somebody changed this incident at the same moment. Reload it and try again.");
	}

	/**
	 * The database was too busy for this request: every connection stayed in use for
	 * longer than a request waits for one, or concurrent transactions kept conflicting
	 * with it through every retry ({@link ConflictRetry}). Nothing was written, and the
	 * same request can be sent again as it is.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, CannotGetJdbcConnectionException.class,
			ConcurrencyFailureException.class })
	ResponseEntity<ProblemDetail> busy(RuntimeException ex) {
		logger.warn("Request not carried out because the database is "
				+ (DatabaseBusyFilter.isUnreachable(ex) ? "unreachable: " : "busy: ") + ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseBusyFilter.title(ex), DatabaseBusyFilter.detail(ex)));
	}

	/**
	 * A failure on a database that cannot be reached (it restarts, or the connection
	 * broke), in whatever the request's code ran: 503 as for a busy database. The
	 * request's transaction was rolled back. Every other failure stays what it is.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> databaseFailure(RuntimeException ex) throws Exception {
		if (!DatabaseBusyFilter.isNoConnection(ex)) {
			throw ex;
		}
		return busy(ex);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail conflict(DataIntegrityViolationException ex) {
		return problem(HttpStatus.CONFLICT, "Conflicts with existing data",
				"The change conflicts with existing data (for example a name that is already taken).");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<String> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
				"Correct these fields: " + String.join("; ", errors) + ".");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getCause();
		String detail;
		if (cause instanceof UnrecognizedPropertyException unknown) {
			detail = "Unknown field '" + unknown.getPropertyName() + "'. Known fields: " + unknown.getKnownPropertyIds()
					+ ".";
		}
		else if (cause instanceof InvalidFormatException format) {
			detail = "Field '" + path(format) + "' has the value '" + format.getValue() + "', which is not a valid "
					+ format.getTargetType().getSimpleName() + ".";
		}
		else if (cause instanceof MismatchedInputException mismatch) {
			detail = "Field '" + path(mismatch) + "' has the wrong type.";
		}
		else {
			detail = "The request body is not valid JSON.";
		}
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Unreadable request", detail));
	}

	private static String path(MismatchedInputException ex) {
		return String.join(".",
				ex.getPath()
					.stream()
					.map(ref -> (ref.getFieldName() != null) ? ref.getFieldName() : String.valueOf(ref.getIndex()))
					.toList());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
