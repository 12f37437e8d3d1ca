package org.incidentdesk.attachment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An attachment with its content, ready to be downloaded.
 */
public record AttachmentFile(Attachment attachment, byte[] content) {

	/**
	 * The download: always saved, never shown inline, and never sniffed as another type,
	 * so an uploaded file cannot run as a page of this site.
	 */
	public ResponseEntity<byte[]> download() {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(this.attachment.contentType()))
			.contentLength(this.content.length)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(this.attachment.fileName(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "sandbox; default-src 'none'")
			.cacheControl(CacheControl.maxAge(Duration.ZERO).cachePrivate().mustRevalidate())
			.body(this.content);
	}

}
