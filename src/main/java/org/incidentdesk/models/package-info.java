/**
 * The process owner's models: every deployment of BPMN, DMN and Camunda Forms, from
 * Camunda Modeler, {@code /engine-rest} or the application's own start, is checked before
 * the engine deploys any of it ({@link org.incidentdesk.models.DeploymentChecks}). A
 * model that would break Tasklist or fail at run time is refused with a 400 that names
 * the resource and the place in it, and nothing of that deployment is deployed.
 */

package org.incidentdesk.models;
