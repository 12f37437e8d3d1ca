package org.incidentdesk.attachment;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentdesk.system.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attachments over the API, for staff who work in Tasklist: the same visibility as the
 * incident itself.
 */
@RestController
@RequestMapping("/api/v1/incidents/{number}/attachments")
@Tag(name = "Incidents")
class AttachmentController {

	private final Attachments attachments;

	AttachmentController(Attachments attachments) {
		this.attachments = attachments;
	}

	@GetMapping
	@Operation(summary = "The files attached to an incident (without their content)")
	List<Attachment> list(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		return this.attachments.list(number, user);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Download an attachment",
			description = "Always as a download (Content-Disposition: attachment) with the type detected at upload.")
	ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable long id,
			@AuthenticationPrincipal CurrentUser user) {
		return this.attachments.file(number, id, user).download();
	}

}
