package org.incidentdesk.notification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Mail delivery runs on Spring's scheduler; see {@link MailDelivery}. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

}
