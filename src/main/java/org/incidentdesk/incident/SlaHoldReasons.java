package org.incidentdesk.incident;

import java.util.Arrays;

import org.incidentdesk.slapolicy.KnownHoldReasons;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells the SLA settings which hold reasons exist, so that an administrator can name
 * those that pause the SLA clock and nothing else. The settings' module sits below
 * {@code incident} and cannot read {@link HoldReason} itself.
 */
@Configuration(proxyBeanMethods = false)
class SlaHoldReasons {

	@Bean
	KnownHoldReasons knownHoldReasons() {
		return new KnownHoldReasons(Arrays.stream(HoldReason.values()).map(HoldReason::name).toList());
	}

}
