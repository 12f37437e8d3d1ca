package org.incidentdesk.incident;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentdesk.knowledge.KnowledgeArticle;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Turns an incident's resolution into a draft knowledge article, so the next caller with
 * the same problem finds the answer. The draft is internal and provider-wide until
 * someone publishes it.
 */
@RestController
@Tag(name = "Incidents")
class IncidentKnowledgeController {

	private final IncidentAccess access;

	private final KnowledgeBase knowledge;

	IncidentKnowledgeController(IncidentAccess access, KnowledgeBase knowledge) {
		this.access = access;
		this.knowledge = knowledge;
	}

	@PostMapping("/api/v1/incidents/{number}/knowledge-draft")
	@Operation(summary = "Draft a knowledge article from the incident's resolution (staff)")
	ResponseEntity<KnowledgeArticle> draft(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		if (!AccessPolicy.isStaff(user) || AccessPolicy.onlyAudits(user)) {
			throw new ActionNotAllowedException("Only the provider's support staff can draft knowledge articles.");
		}
		Incident incident = this.access.visible(number, user);
		if (incident.resolutionNotes() == null || incident.resolutionNotes().isBlank()) {
			throw new IllegalIncidentStateException(
					"Incident " + number + " has no resolution yet; draft the article once it is resolved.");
		}
		KnowledgeArticle draft = this.knowledge.draftFromResolution(null, incident.summary(), incident.description(),
				incident.resolutionNotes(), user.id());
		return ResponseEntity.created(URI.create("/api/v1/knowledge/articles/" + draft.number())).body(draft);
	}

}
