package org.incidentdesk.attachment;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentdesk.system.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Attachments over the API, for staff who work in Tasklist and for API clients: the same
 * visibility as the incident itself.
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

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Attach a file (multipart field 'file')",
			description = "Whoever may see the incident may attach to it while it is open or resolved. The type is "
					+ "detected from the content and must be allowed (see the README); too large is 413, a type not "
					+ "allowed 415, an empty file 400. The attachment shows on the caller's timeline.")
	ResponseEntity<Attachment> upload(@PathVariable String number, @RequestParam("file") MultipartFile file,
			@AuthenticationPrincipal CurrentUser user) throws IOException {
		Attachment attachment = this.attachments.add(number, user, file.getOriginalFilename(), file.getBytes());
		return ResponseEntity.created(URI.create("/api/v1/incidents/" + number + "/attachments/" + attachment.id()))
			.body(attachment);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Download an attachment",
			description = "Always as a download (Content-Disposition: attachment) with the type detected at upload.")
	ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable long id,
			@AuthenticationPrincipal CurrentUser user) {
		return this.attachments.file(number, id, user).download();
	}

}
