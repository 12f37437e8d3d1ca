package org.incidentdesk.knowledge.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageGuessTests {

	@ParameterizedTest(name = "\"{0}\" is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			The printer is jammed again after the update                  | en
			Restarted the laptop and it works                             | en
			Printer macet lagi setelah pembaruan                          | id
			Laptop sudah dinyalakan ulang dan bisa dipakai kembali        | id
			Pengguna tidak bisa masuk ke VPN dari rumah                   | id
			VPN                                                           | en
			""")
	void tellsEnglishFromIndonesian(String text, String language) {
		// Given / When / Then
		assertThat(LanguageGuess.of(text)).isEqualTo(language);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", delimiter = '|', textBlock = """
			null                   | Kaca pemindai sudah dibersihkan dan bisa dipakai lagi
			Scanner is fixed       | null
			""")
	void ignoresMissingTexts(String first, String second) {
		// Given / When
		String language = LanguageGuess.of(first, second);

		// Then
		assertThat(language).isEqualTo((first == null) ? "id" : "en");
	}

}
