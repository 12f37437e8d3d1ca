package org.incidentdesk.portal;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.cmdb.CiType;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.cmdb.NewConfigurationItem;
import org.incidentdesk.knowledge.ArticleKind;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.KnowledgeArticle;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.knowledge.NewArticle;
import org.incidentdesk.system.CurrentUser;

/**
 * Users, tenants, CMDB items and articles for portal tests, each with a unique id so that
 * tests sharing the database never see each other's data. Public for the tests of other
 * features that need the same (the attachments on PostgreSQL).
 */
public final class PortalWorld {

	static final String PASSWORD_PREFIX = "pw-";

	private final IdentityService identity;

	private final Cmdb cmdb;

	private final KnowledgeBase knowledge;

	public PortalWorld(IdentityService identity, Cmdb cmdb, KnowledgeBase knowledge) {
		this.identity = identity;
		this.cmdb = cmdb;
		this.knowledge = knowledge;
	}

	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static String password(String userId) {
		return PASSWORD_PREFIX + userId;
	}

	public String tenant() {
		String id = unique("pt");
		Tenant tenant = this.identity.newTenant(id);
		tenant.setName("Portal test " + id);
		this.identity.saveTenant(tenant);
		this.cmdb.register(new NewConfigurationItem(id, "LAPTOP-" + id, CiType.HARDWARE, "HQ", true, null));
		return id;
	}

	/** A caller of the tenant, in the {@code customers} group. */
	public String caller(String tenantId) {
		return user("caller", tenantId, CurrentUser.CUSTOMERS);
	}

	/** A service desk agent who serves the tenant. */
	public String agent(String tenantId) {
		return user("agent", tenantId, CurrentUser.SERVICE_DESK);
	}

	CurrentUser agentPrincipal(String agentId, String tenantId) {
		return new CurrentUser(agentId, List.of(CurrentUser.SERVICE_DESK), List.of(tenantId));
	}

	/** A published public article of the tenant about a made-up, unique word. */
	KnowledgeArticle article(String tenantId, String title) {
		return this.knowledge.create(new NewArticle(tenantId, ArticleKind.ARTICLE, title,
				"The " + title + " stops working.", "Restart the " + title + " and sign in again.", List.of(), "en",
				ArticleVisibility.PUBLIC, ArticleState.PUBLISHED, null, null), "portal-tests");
	}

	private String user(String prefix, String tenantId, String groupId) {
		String id = unique(prefix);
		User user = this.identity.newUser(id);
		user.setFirstName(prefix);
		user.setLastName(id);
		user.setPassword(password(id));
		this.identity.saveUser(user);
		if (this.identity.createGroupQuery().groupId(groupId).count() == 0) {
			Group group = this.identity.newGroup(groupId);
			group.setName(groupId);
			this.identity.saveGroup(group);
		}
		this.identity.createMembership(id, groupId);
		this.identity.createTenantUserMembership(tenantId, id);
		return id;
	}

}
