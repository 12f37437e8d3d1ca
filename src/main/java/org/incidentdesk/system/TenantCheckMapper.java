package org.incidentdesk.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;

/**
 * A task or process instance of a tenant the user does not serve is, for them, not there:
 * 404, as for an id that does not exist, instead of the 500 Camunda answers. The engine's
 * tenant check throws a plain {@link ProcessEngineException} with code ENGINE-13034 and
 * no subtype, so the code in the message is the only way to tell it apart.
 */
@Priority(1)
class TenantCheckMapper implements ExceptionMapper<ProcessEngineException> {

	static final String TENANT_CHECK_FAILED = "ENGINE-13034";

	static final String NOT_VISIBLE = "Not found: it does not exist, or it belongs to a customer organisation you do not serve.";

	private final ProcessEngineExceptionHandler camundaDefault = new ProcessEngineExceptionHandler();

	@Override
	public Response toResponse(ProcessEngineException exception) {
		String message = exception.getMessage();
		if (message == null || !message.startsWith(TENANT_CHECK_FAILED)) {
			return this.camundaDefault.toResponse(exception);
		}
		ExceptionDto dto = new ExceptionDto();
		dto.setType("InvalidRequestException");
		dto.setMessage(NOT_VISIBLE);
		return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE).entity(dto).build();
	}

}
