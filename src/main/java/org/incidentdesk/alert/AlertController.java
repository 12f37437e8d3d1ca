package org.incidentdesk.alert;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.incidentdesk.system.CurrentUser;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Prometheus Alertmanager webhook receiver. Configure it in Alertmanager as a
 * {@code webhook_configs} URL with {@code http_config.authorization.credentials} set to
 * the tenant's API token.
 */
@RestController
@RequestMapping(AlertController.PATH)
@Tag(name = "Monitoring alerts")
class AlertController {

	static final String PATH = "/api/v1/alerts";

	private final AlertIntake intake;

	AlertController(AlertIntake intake) {
		this.intake = intake;
	}

	@PostMapping
	@Operation(summary = "Receive an Alertmanager notification (webhook version 4)",
			description = "Opens an incident per new firing alert, counts repeats on the open incident and notes"
					+ " resolved alerts. Authenticate with 'Authorization: Bearer idk_...'.",
			security = @SecurityRequirement(name = "apiToken"))
	AlertIntakeResult receive(@Valid @RequestBody AlertmanagerWebhook notification,
			@AuthenticationPrincipal CurrentUser client) {
		// The token's principal serves exactly one tenant, the token's.
		String tenantId = client.tenants().get(0);
		return new AlertIntakeResult(this.intake.receive(tenantId, client.id(), notification));
	}

	/**
	 * Two deliveries of the same alerts waited for each other too long, or met in the
	 * engine. Nothing was written; a 5xx makes Alertmanager deliver again (it does not
	 * retry a 4xx).
	 */
	@ExceptionHandler({ PessimisticLockingFailureException.class, OptimisticLockingException.class })
	ResponseEntity<ProblemDetail> busy(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The same alerts are being processed by another delivery; nothing was recorded. Send them again.");
		problem.setTitle("Busy with the same alerts");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	/** The outcome per alert, in the order of the notification. */
	record AlertIntakeResult(List<AlertOutcome> incidents) {
	}

}
