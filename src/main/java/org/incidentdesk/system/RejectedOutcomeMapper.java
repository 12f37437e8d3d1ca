package org.incidentdesk.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine wraps whatever a task listener throws, so a task outcome refused by the
 * server-side validation would leave Camunda's REST API (and Tasklist) as a 500. This
 * mapper finds the refusal in the cause chain and answers 400 with its message; anything
 * else is left to Camunda's handler.
 */
@Priority(1)
class RejectedOutcomeMapper implements ExceptionMapper<RestException> {

	private final RestExceptionHandler camundaDefault = new RestExceptionHandler();

	@Override
	public Response toResponse(RestException exception) {
		BadUserRequestException rejected = Causes.find(exception, BadUserRequestException.class);
		if (rejected == null) {
			return this.camundaDefault.toResponse(exception);
		}
		return Response.status(Response.Status.BAD_REQUEST)
			.type(MediaType.APPLICATION_JSON_TYPE)
			.entity(ExceptionDto.fromException(rejected))
			.build();
	}

}
