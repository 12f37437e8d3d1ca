package org.incidentdesk.attachment;

import java.time.OffsetDateTime;

/**
 * A file attached to an incident, without its content.
 *
 * @param fileName a safe version of the name the file was uploaded with, for display and
 * downloads only; it never names a file on disk
 * @param contentType the media type detected from the content
 */
public record Attachment(long id, String fileName, String contentType, long sizeBytes, String sha256, String uploadedBy,
		OffsetDateTime createdAt) {

}
