package org.incidentdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Incident Desk: ITIL incident management for many customer organisations, on an embedded
 * Camunda 7 engine.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IncidentDeskApplication {

	public static void main(String[] args) {
		SpringApplication.run(IncidentDeskApplication.class, args);
	}

}
