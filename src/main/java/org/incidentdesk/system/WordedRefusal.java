package org.incidentdesk.system;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A refusal of the process worded in English and Indonesian, from the message bundle
 * {@code refusals/messages}: a subject (the task, say) and the sentences that say what to
 * change. Its message is the English one, as ever; {@link EngineErrorFilter} answers the
 * engine API's callers (Tasklist among them) in the language their request asks for
 * ({@code Accept-Language}).
 */
public class WordedRefusal extends BadUserRequestException {

	private static final String BUNDLE = "refusals.messages";

	private static final Locale INDONESIAN = Locale.forLanguageTag("id");

	private final Wording subject;

	private final List<Wording> sentences;

	public WordedRefusal(Wording subject, List<Wording> sentences) {
		super(text(subject, sentences, Locale.ENGLISH));
		this.subject = subject;
		this.sentences = List.copyOf(sentences);
	}

	/** The refusal in the language (Indonesian for {@code id}, else English). */
	public String message(Locale locale) {
		return text(this.subject, this.sentences, supported(locale));
	}

	/** Indonesian for {@code id}, English for everything else. */
	public static Locale supported(Locale locale) {
		return (locale != null && INDONESIAN.getLanguage().equals(locale.getLanguage())) ? INDONESIAN : Locale.ENGLISH;
	}

	private static String text(Wording subject, List<Wording> sentences, Locale locale) {
		String said = sentences.stream().map(sentence -> sentence.in(locale)).collect(Collectors.joining(" "));
		return (subject != null) ? subject.in(locale) + ": " + said : said;
	}

	/**
	 * One sentence (or a name) of the bundle, with its arguments; a key the bundle lacks
	 * is said by its fallback.
	 *
	 * @param key the key in {@code refusals/messages}
	 * @param fallback what to say if the bundle has no such key (a task a process owner
	 * added, say), or null
	 * @param arguments the values of its placeholders ({@code {0}}, ...)
	 */
	public record Wording(String key, String fallback, List<Object> arguments) {

		public Wording {
			arguments = List.copyOf(arguments);
		}

		public static Wording of(String key, Object... arguments) {
			return new Wording(key, null, List.of(arguments));
		}

		/**
		 * A name (a task's, say), said as it is in English and as the bundle translates
		 * it in another language, if it does.
		 */
		public static Wording named(String key, String name) {
			return new Wording(key, name, List.of());
		}

		String in(Locale locale) {
			if (this.fallback != null && Locale.ENGLISH.equals(locale)) {
				return this.fallback;
			}
			ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
					ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
			try {
				return new MessageFormat(bundle.getString(this.key), locale).format(this.arguments.toArray());
			}
			catch (MissingResourceException ex) {
				if (this.fallback != null) {
					return this.fallback;
				}
				throw ex;
			}
		}

	}

}
