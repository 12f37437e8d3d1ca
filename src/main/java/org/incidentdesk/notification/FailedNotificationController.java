package org.incidentdesk.notification;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators see the notifications that could not be delivered and put them back in
 * the queue once the cause (an address, the mail server) is fixed. Only members of
 * {@value CurrentUser#ADMINISTRATORS} get through.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "Undeliverable notification mail")
class FailedNotificationController {

	private final NotificationOutbox outbox;

	FailedNotificationController(NotificationOutbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/failed")
	@Operation(summary = "List the notifications given up after all their delivery attempts")
	List<FailedNotification> failed(@AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		return this.outbox.failed();
	}

	@PostMapping("/{id}/retry")
	@Operation(summary = "Queue a failed notification again, with a fresh set of attempts")
	ResponseEntity<Void> retry(@PathVariable long id, @AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		if (!this.outbox.retry(id)) {
			throw RefusedRequestException.notFound(null,
					"There is no failed notification " + id + ". List the failed notifications for their ids.");
		}
		return ResponseEntity.noContent().build();
	}

	private static void requireAdministrator(CurrentUser user) {
		if (user == null || !AccessPolicy.isAdministrator(user)) {
			throw RefusedRequestException.notAllowed(null,
					"Only members of '" + CurrentUser.ADMINISTRATORS + "' see and retry failed notifications.");
		}
	}

}
