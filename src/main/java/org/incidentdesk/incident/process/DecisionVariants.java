package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.RepositoryService;
import org.incidentdesk.system.EngineAsServer;
import org.springframework.stereotype.Component;

/**
 * Which version of a decision table the model's business rule tasks evaluate for a
 * customer organisation's incident: its own, if a process owner deployed one for it
 * ({@code tenant-id}), else the shared one. The model names it in
 * {@code camunda:decisionRefTenantId="${decisionVariants.tenantFor('IncidentHandover',
 * tenantId)}"}, because the engine's default looks only at the tenant of the process
 * definition.
 */
@Component("decisionVariants")
public class DecisionVariants {

	private final RepositoryService repository;

	private final EngineAsServer server;

	DecisionVariants(RepositoryService repository, EngineAsServer server) {
		this.repository = repository;
		this.server = server;
	}

	/**
	 * @param decisionKey the decision's id in the DMN
	 * @param tenantId the incident's customer organisation, or {@code null}
	 * @return the tenant whose version applies, or {@code null} for the shared version
	 */
	public String tenantFor(String decisionKey, String tenantId) {
		if (tenantId == null) {
			return null;
		}
		// Asked while any worker completes a task: which tables exist is the server's
		// knowledge, not limited by what that worker may read.
		long own = this.server.call(() -> this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(decisionKey)
			.tenantIdIn(tenantId)
			.count());
		return (own > 0) ? tenantId : null;
	}

}
