package org.incidentdesk.history;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentdesk.audit.ChainVerification;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditors' view of an incident: its whole history and the check of its timeline's
 * hash chain. Read only: there is deliberately no way to change or delete history through
 * the API.
 */
@RestController
@RequestMapping("/api/v1/incidents/{number}/history")
@Tag(name = "Audit")
class HistoryController {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final IncidentAudits audits;

	HistoryController(IncidentAudits audits) {
		this.audits = audits;
	}

	@GetMapping
	@Operation(summary = "The incident's full history, for auditors and staff",
			description = "One chronological list of the record's timeline (field changes, comments, work notes, "
					+ "hand-overs, SLA events, notifications) and the process history (activities, fired timers, "
					+ "user operations, assignments and candidate groups, failed jobs, incidents). format=csv or "
					+ "Accept: text/csv downloads it as CSV. Callers cannot read it.")
	ResponseEntity<?> history(@PathVariable String number, @RequestParam(required = false) String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@AuthenticationPrincipal CurrentUser user) {
		boolean csv = csv(format, accept);
		Incident incident = this.audits.readable(number, user);
		List<HistoryEntry> entries = this.audits.history(incident);
		if (!csv) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(entries);
		}
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(incident.number() + "-history.csv").build().toString())
			.body(this.audits.csv(entries));
	}

	@GetMapping("/verification")
	@Operation(summary = "Recompute the hash chain of the incident's timeline",
			description = "intact is false when an entry was changed, removed or inserted in the database; "
					+ "firstBrokenEntryId names the first entry that does not match.")
	ChainVerification verification(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		return this.audits.verification(this.audits.readable(number, user));
	}

	private static boolean csv(String format, String accept) {
		if (format == null) {
			return accept != null && MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("csv"));
		}
		return switch (format) {
			case "csv" -> true;
			case "json" -> false;
			default -> throw RefusedRequestException.invalid(null,
					"Unknown format '" + format + "'. Use format=json or format=csv.");
		};
	}

}
