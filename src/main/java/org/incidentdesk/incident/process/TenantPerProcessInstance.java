package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * One set of process definitions serves every customer organisation; each process
 * instance carries the tenant of its incident, so its tasks, jobs and history are scoped
 * to that tenant. Camunda offers no public interface for this, hence the engine's
 * {@code TenantIdProvider}.
 */
@Component
class TenantPerProcessInstance extends AbstractProcessEnginePlugin implements TenantIdProvider {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setTenantIdProvider(this);
	}

	@Override
	public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
		Object tenantId = context.getVariables().get(IncidentProcess.Var.TENANT_ID);
		return (tenantId instanceof String tenant && !tenant.isBlank()) ? tenant : null;
	}

	@Override
	public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
		return null;
	}

	@Override
	public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
		return (context.getExecution() != null) ? context.getExecution().getTenantId() : null;
	}

}
