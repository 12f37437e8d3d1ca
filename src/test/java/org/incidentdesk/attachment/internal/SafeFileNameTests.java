package org.incidentdesk.attachment.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Upload names become safe names; the content, not the name, decides the type. */
class SafeFileNameTests {

	@Test
	void dropsDirectoriesMarkupAndControlCharacters() {
		assertThat(SafeFileName.of("../../etc/passwd.txt", "text/plain")).isEqualTo("passwd.txt");
		assertThat(SafeFileName.of("C:\\Users\\me\\report.pdf", "application/pdf")).isEqualTo("report.pdf");
		assertThat(SafeFileName.of("<script>x.png", "image/png")).isEqualTo("script_x.png");
		assertThat(SafeFileName.of("a\r\nb\u0000.log", "text/x-log")).isEqualTo("a__b_.log");
		assertThat(SafeFileName.of("", "image/png")).isEqualTo("attachment.png");
		assertThat(SafeFileName.of(null, "application/pdf")).isEqualTo("attachment.pdf");
		assertThat(SafeFileName.of("x".repeat(300) + ".csv", "text/csv")).hasSize(SafeFileName.MAX_LENGTH)
			.endsWith(".csv");
	}

	@Test
	void givesTheExtensionOfWhatTheContentIs() {
		assertThat(SafeFileName.of("virus.exe", "text/plain")).isEqualTo("virus.exe.txt");
		assertThat(SafeFileName.of("photo", "image/jpeg")).isEqualTo("photo.jpg");
		assertThat(SafeFileName.of("Photo.JPG", "image/jpeg")).isEqualTo("Photo.jpg");
	}

	@Test
	void detectsTypesFromContentWithTheNameOnlyAsAHint() throws IOException {
		byte[] png = java.util.Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
		assertThat(FileTypes.detect(png, "report.pdf")).isEqualTo("image/png");
		assertThat(FileTypes.detect("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), "notes.txt"))
			.isEqualTo("text/html");
		assertThat(FileTypes.detect("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "data.csv")).isEqualTo("text/csv");
		assertThat(FileTypes.detect("%PDF-1.4\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1), "x.bin"))
			.isEqualTo("application/pdf");
		assertThat(FileTypes.detect(ooxml("word/document.xml"), "letter.docx"))
			.isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	}

	/** A minimal Office Open XML package, as Word and Excel write them. */
	private static byte[] ooxml(String part) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
				.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(part));
			zip.write("<document/>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

}
