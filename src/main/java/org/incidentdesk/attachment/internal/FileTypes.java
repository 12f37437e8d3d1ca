package org.incidentdesk.attachment.internal;

import java.util.List;

import org.apache.tika.Tika;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Tells what a file is from its bytes (magic numbers, text heuristics), with the name
 * only as a hint that can narrow a type but never contradict the content: a PNG named
 * {@code report.pdf} is a PNG, and HTML named {@code notes.txt} is HTML.
 */
public final class FileTypes {

	private static final Tika TIKA = new Tika();

	private FileTypes() {
	}

	public static String detect(byte[] content, String fileName) {
		return TIKA.detect(content, fileName);
	}

	/** The usual extensions of a media type, the preferred one first; maybe none. */
	public static List<String> extensionsOf(String mediaType) {
		try {
			MimeType type = MimeTypes.getDefaultMimeTypes().forName(mediaType);
			return type.getExtensions();
		}
		catch (MimeTypeException ex) {
			return List.of();
		}
	}

}
