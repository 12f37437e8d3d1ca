package org.incidentdesk.attachment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the attachment limits; see {@link AttachmentSettings}. */
@Configuration
@EnableConfigurationProperties(AttachmentSettings.class)
class AttachmentConfiguration {

}
