package org.incidentdesk.classification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunable periods of the SLA policy that are not per priority (those are in
 * {@code processes/SlaTargets.dmn}).
 *
 * @param autoCloseAfter how long a resolved incident waits for the caller before it
 * closes itself
 * @param callerReplyTimeout how long the service desk waits for the caller's reply to a
 * question
 */
@ConfigurationProperties("incident-desk.sla")
public record SlaSettings(@DefaultValue("P3D") Duration autoCloseAfter,
		@DefaultValue("P2D") Duration callerReplyTimeout) {

}
