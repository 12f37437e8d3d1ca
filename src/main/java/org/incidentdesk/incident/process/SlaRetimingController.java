package org.incidentdesk.incident.process;

import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.system.CurrentActor;
import org.incidentdesk.system.RefusedRequestException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrators' re-timing of running incidents after a business calendar or the SLA
 * targets changed (docs/sla.md, "Re-timing running incidents"). Only members of
 * {@code camunda-admin} get through (the security chain guards all of
 * {@code /api/v1/admin}). A refusal names the field to correct ({@code field}).
 */
@RestController
@Tag(name = "SLA re-timing",
		description = "Recomputes the SLA dates of running incidents with the current business calendars and SLA "
				+ "targets")
class SlaRetimingController {

	private static final Set<String> FIELDS = Set.of("dryRun", "tenantId");

	/** What Camunda takes as a tenant id here: letters, digits, '-', '_' and '.'. */
	private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final SlaRetiming retiming;

	private final IdentityService identity;

	private final CurrentActor actor;

	SlaRetimingController(SlaRetiming retiming, IdentityService identity, CurrentActor actor) {
		this.retiming = retiming;
		this.identity = identity;
		this.actor = actor;
	}

	@PostMapping("/api/v1/admin/sla/retiming")
	@Operation(summary = "Re-time the running incidents' SLA dates, or preview it",
			description = "Body {\"dryRun\": true|false, \"tenantId\": optional}. Recomputes every open incident's "
					+ "SLA dates (of the tenant, or of all) for its current priority with the current calendar and "
					+ "SlaTargets, from the report time net of its paused time; a response already given keeps its "
					+ "due date, a paused clock stays paused. dryRun true answers what would move (counts, the "
					+ "resolution due dates' shift, the incidents that would be breached at once, up to 100 listed) "
					+ "and changes nothing. dryRun false moves them, 100 incidents a transaction, with a timeline "
					+ "entry each, and answers the counts when done; incidents already right count as unchanged. "
					+ "409 while another re-timing runs; 404 for an unknown tenant.")
	Object retime(@RequestBody(required = false) JsonNode body) {
		if (body == null || body.isNull() || body.isMissingNode()) {
			throw invalid("dryRun",
					"is required: send {\"dryRun\": true} to preview the re-timing, {\"dryRun\": false} to apply it.");
		}
		if (!body.isObject()) {
			throw invalid("body", "must be a JSON object with dryRun and, optionally, tenantId.");
		}
		for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!FIELDS.contains(name)) {
				throw invalid(name, "is no field of a re-timing; known fields: dryRun, tenantId.");
			}
		}
		JsonNode dryRun = body.get("dryRun");
		if (dryRun == null || dryRun.isNull()) {
			throw invalid("dryRun",
					"is required: true to preview the re-timing, false to apply it (nothing is assumed).");
		}
		if (!dryRun.isBoolean()) {
			throw invalid("dryRun", "'" + dryRun + "' is not true or false.");
		}
		String tenantId = tenant(body.get("tenantId"));
		if (dryRun.booleanValue()) {
			return this.retiming.preview(tenantId);
		}
		return this.retiming.apply(tenantId, this.actor.id());
	}

	private String tenant(JsonNode tenantId) {
		if (tenantId == null || tenantId.isNull()) {
			return null;
		}
		if (!tenantId.isTextual() || !TENANT_ID.matcher(tenantId.textValue()).matches()) {
			throw invalid("tenantId", "'" + ((tenantId.isTextual()) ? tenantId.textValue() : tenantId)
					+ "' is no tenant id; leave it out for every tenant, or name one (GET /api/v1/admin/tenants).");
		}
		String id = tenantId.textValue();
		if (this.identity.createTenantQuery().tenantId(id).count() == 0) {
			throw RefusedRequestException
				.notFound("Unknown tenant",
						"There is no tenant '" + id + "'. List them with GET /api/v1/admin/tenants.")
				.with("field", "tenantId");
		}
		return id;
	}

	private static RefusedRequestException invalid(String field, String detail) {
		return RefusedRequestException.invalid("Invalid re-timing request", field + ": " + detail).with("field", field);
	}

}
