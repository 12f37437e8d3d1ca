package org.incidentdesk.attachment.internal;

import java.util.List;
import java.util.Locale;

/**
 * Turns the name a browser sent with an upload into one that is safe to show and to offer
 * in a download: no directories, no control or markup characters, a bounded length, and
 * an extension that matches what the content really is.
 */
public final class SafeFileName {

	static final int MAX_LENGTH = 100;

	private static final String FALLBACK = "attachment";

	private SafeFileName() {
	}

	public static String of(String uploadedName, String mediaType) {
		String name = (uploadedName != null) ? uploadedName : "";
		// Browsers on Windows may send the whole path.
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("[^\\p{L}\\p{N} ._()-]", "_").replaceAll("\\s+", " ").strip();
		// No hidden files, no "..", no trailing dots that some systems drop.
		name = name.replaceAll("^[. _]+", "").replaceAll("[. ]+$", "");
		List<String> extensions = FileTypes.extensionsOf(mediaType);
		int dot = name.lastIndexOf('.');
		String base = (dot > 0) ? name.substring(0, dot) : name;
		String extension = (dot > 0) ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
		if (!extensions.isEmpty() && !extensions.contains(extension)) {
			// The content decides: a text file named virus.exe downloads as
			// virus.exe.txt.
			base = name;
			extension = extensions.get(0);
		}
		if (base.isBlank()) {
			base = FALLBACK;
		}
		int room = MAX_LENGTH - extension.length();
		if (base.length() > room) {
			base = base.substring(0, room).strip();
		}
		return base + extension;
	}

}
