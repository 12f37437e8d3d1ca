package org.incidentdesk.knowledge;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The index catches up with changes made on other nodes on a schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(KnowledgeSettings.class)
class KnowledgeConfiguration {

}
