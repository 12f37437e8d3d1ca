/**
 * Tenants, the provider's teams and their users, and what each role may do in Camunda.
 * <ul>
 * <li>A tenant is a customer organisation. It has callers (group
 * {@value org.incidentdesk.system.CurrentUser#CUSTOMERS} plus a tenant membership) and
 * its own on-site technician group {@code technicians-<tenant>}, which is a member of
 * that tenant only.</li>
 * <li>Provider groups (service desk, support teams, vendors, incident managers, service
 * delivery managers, auditors) serve the tenants they are tenant members of. Every new
 * tenant is served by the service desk and the overseeing groups; support teams and
 * vendors serve the tenants they are assigned to.</li>
 * <li>The engine enforces the rest: authorization and tenant checks are on, so the same
 * rules hold in Tasklist, Cockpit and {@code /engine-rest}. {@link AccessModel} holds the
 * grants per kind of group, applied again at every start.</li>
 * <li>{@link AccessPolicy} holds the rules the application itself enforces (who sees all,
 * who is staff, who serves a tenant, who may see an incident, who may confirm it), which
 * the other modules ask instead of reading group memberships themselves.</li>
 * </ul>
 */
package org.incidentdesk.tenancy;
