package org.incidentdesk.notification;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Who gets the mail, from Camunda's identity service (the one user store). A user's
 * language is the user info entry {@value #LOCALE_KEY} ({@code en} or {@code id});
 * without it, English.
 */
@Component
class MailRecipients {

	/** The Camunda user info key that holds a user's language for mail. */
	static final String LOCALE_KEY = "locale";

	static final Locale INDONESIAN = Locale.forLanguageTag("id");

	private static final Set<String> LANGUAGES = Set.of("en", "id");

	private final IdentityService identity;

	MailRecipients(IdentityService identity) {
		this.identity = identity;
	}

	Optional<MailRecipient> user(String userId) {
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			return Optional.empty();
		}
		String name = String.join(" ", nonBlank(user.getFirstName()), nonBlank(user.getLastName())).trim();
		return Optional.of(new MailRecipient(userId, name.isEmpty() ? userId : name, user.getEmail(),
				locale(this.identity.getUserInfo(userId, LOCALE_KEY))));
	}

	/** Ids of the group's members, in a stable order. */
	List<String> members(String groupId) {
		return this.identity.createUserQuery()
			.memberOfGroup(groupId)
			.orderByUserId()
			.asc()
			.list()
			.stream()
			.map(User::getId)
			.toList();
	}

	static Locale locale(String tag) {
		String language = (tag != null) ? tag.trim().toLowerCase(Locale.ROOT) : "";
		return LANGUAGES.contains(language) ? Locale.forLanguageTag(language) : Locale.ENGLISH;
	}

	private static String nonBlank(String text) {
		return (text != null) ? text : "";
	}

}
