package org.incidentdesk.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of Camunda's REST API and of the webapps' engine API
 * ({@code incident-desk.engine-api}, see {@link EngineErrorFilter}).
 *
 * @param maxBodySize the largest request body they take; a larger one is refused with 413
 * before it is read
 */
@ConfigurationProperties("incident-desk.engine-api")
record EngineApiSettings(@DefaultValue("11MB") DataSize maxBodySize) {

	EngineApiSettings {
		if (maxBodySize.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"incident-desk.engine-api.max-body-size must be positive, not " + maxBodySize);
		}
	}

}
