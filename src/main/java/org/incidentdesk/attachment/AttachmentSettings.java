package org.incidentdesk.attachment;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What may be attached to an incident.
 *
 * @param maxSize the largest file accepted; keep {@code spring.servlet.multipart} limits
 * at or a little above it, so larger uploads are refused before they are read
 * @param allowedTypes media types accepted, as detected from the file's content
 */
@ConfigurationProperties("incident-desk.attachments")
public record AttachmentSettings(@DefaultValue("10MB") DataSize maxSize, @DefaultValue( {
		"image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain", "text/csv", "text/x-log",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }) List<String> allowedTypes){

	public AttachmentSettings {
		allowedTypes = List.copyOf(allowedTypes);
	}

}
