package org.incidentdesk.system;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;

/**
 * Decodes an uploaded file strictly, so that a file in another encoding is refused rather
 * than garbled (the imports of CMDB items and of holidays).
 */
public final class StrictDecoding {

	private StrictDecoding() {
	}

	/** The text, or empty when the bytes are not valid in the charset. */
	public static Optional<String> decode(byte[] bytes, Charset charset) {
		try {
			return Optional.of(charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString());
		}
		catch (CharacterCodingException ex) {
			return Optional.empty();
		}
	}

}
