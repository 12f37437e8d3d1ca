package org.incidentdesk.system;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * Makes every change through Camunda's identity service (Admin, {@code /engine-rest},
 * {@code /api/v1/admin}, the Java API) forget the remembered sign-ins it affects, so a
 * changed password, a removed membership or a deleted user takes effect with the next
 * request, not when the {@link CredentialCache} entry expires. Camunda's own database
 * identity provider does the work; this subclass only listens.
 */
@Component
class IdentityChangesForgetSignIns extends AbstractProcessEnginePlugin {

	private final CredentialCache cache;

	IdentityChangesForgetSignIns(CredentialCache cache) {
		this.cache = cache;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getIdentityProviderSessionFactory() != null) {
			throw new IllegalStateException("Another identity provider is configured ("
					+ configuration.getIdentityProviderSessionFactory().getSessionType().getName()
					+ "); remembered sign-ins would not see its changes.");
		}
		configuration.setIdentityProviderSessionFactory(new SessionFactory() {

			@Override
			public Class<?> getSessionType() {
				return ForgettingIdentityProvider.class;
			}

			@Override
			public Session openSession() {
				return new ForgettingIdentityProvider(IdentityChangesForgetSignIns.this.cache);
			}

		});
	}

	/** Camunda's database identity provider, forgetting what each change affects. */
	static class ForgettingIdentityProvider extends DbIdentityServiceProvider {

		private final CredentialCache cache;

		ForgettingIdentityProvider(CredentialCache cache) {
			this.cache = cache;
		}

		@Override
		public boolean checkPassword(String userId, String password) {
			boolean matches = super.checkPassword(userId, password);
			if (!matches && userId != null) {
				// A wrong password locks the user for a while (SignInLocks).
				forget(userId);
			}
			return matches;
		}

		@Override
		public IdentityOperationResult saveUser(User user) {
			IdentityOperationResult result = super.saveUser(user);
			forget(user.getId());
			return result;
		}

		@Override
		public IdentityOperationResult deleteUser(String userId) {
			IdentityOperationResult result = super.deleteUser(userId);
			forget(userId);
			return result;
		}

		@Override
		public IdentityOperationResult unlockUser(String userId) {
			IdentityOperationResult result = super.unlockUser(userId);
			forget(userId);
			return result;
		}

		@Override
		public IdentityOperationResult deleteGroup(String groupId) {
			IdentityOperationResult result = super.deleteGroup(groupId);
			forgetAll();
			return result;
		}

		@Override
		public IdentityOperationResult deleteTenant(String tenantId) {
			IdentityOperationResult result = super.deleteTenant(tenantId);
			forgetAll();
			return result;
		}

		@Override
		public IdentityOperationResult createMembership(String userId, String groupId) {
			IdentityOperationResult result = super.createMembership(userId, groupId);
			forget(userId);
			return result;
		}

		@Override
		public IdentityOperationResult deleteMembership(String userId, String groupId) {
			IdentityOperationResult result = super.deleteMembership(userId, groupId);
			forget(userId);
			return result;
		}

		@Override
		public IdentityOperationResult createTenantUserMembership(String tenantId, String userId) {
			IdentityOperationResult result = super.createTenantUserMembership(tenantId, userId);
			forget(userId);
			return result;
		}

		@Override
		public IdentityOperationResult deleteTenantUserMembership(String tenantId, String userId) {
			IdentityOperationResult result = super.deleteTenantUserMembership(tenantId, userId);
			forget(userId);
			return result;
		}

		@Override
		public IdentityOperationResult createTenantGroupMembership(String tenantId, String groupId) {
			IdentityOperationResult result = super.createTenantGroupMembership(tenantId, groupId);
			forgetAll();
			return result;
		}

		@Override
		public IdentityOperationResult deleteTenantGroupMembership(String tenantId, String groupId) {
			IdentityOperationResult result = super.deleteTenantGroupMembership(tenantId, groupId);
			forgetAll();
			return result;
		}

		/**
		 * Forgets now, so no request of this moment uses the old state, and again after
		 * the commit, so a request that read the old state meanwhile is not remembered.
		 */
		private void forget(String userId) {
			this.cache.forget(userId);
			afterCommit(() -> this.cache.forget(userId));
		}

		private void forgetAll() {
			this.cache.forgetAll();
			afterCommit(this.cache::forgetAll);
		}

		private static void afterCommit(Runnable action) {
			CommandContext context = Context.getCommandContext();
			if (context != null) {
				context.getTransactionContext()
					.addTransactionListener(TransactionState.COMMITTED, committed -> action.run());
			}
		}

	}

}
