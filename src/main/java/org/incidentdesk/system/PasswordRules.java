package org.incidentdesk.system;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;

/** Camunda's password policy rules in words a person can act on. */
public final class PasswordRules {

	private PasswordRules() {
	}

	/** The refusal of a password that breaks these rules. */
	public static String refusal(List<PasswordPolicyRule> violated) {
		return "The password does not meet the password policy: " + describe(violated) + ".";
	}

	public static String describe(List<PasswordPolicyRule> violated) {
		return violated.stream().map(PasswordRules::describe).collect(Collectors.joining("; "));
	}

	static String describe(PasswordPolicyRule rule) {
		var parameters = rule.getParameters();
		return switch (rule.getPlaceholder()) {
			case "PASSWORD_POLICY_LENGTH" -> "at least " + parameters.get("minLength") + " characters";
			case "PASSWORD_POLICY_LOWERCASE" -> "at least " + parameters.get("minLowerCase") + " lower-case letter(s)";
			case "PASSWORD_POLICY_UPPERCASE" -> "at least " + parameters.get("minUpperCase") + " upper-case letter(s)";
			case "PASSWORD_POLICY_DIGIT" -> "at least " + parameters.get("minDigit") + " digit(s)";
			case "PASSWORD_POLICY_SPECIAL" -> "at least " + parameters.get("minSpecial") + " special character(s)";
			case "PASSWORD_POLICY_USER_DATA" -> "must not contain the user's id, name or e-mail address";
			default -> rule.getPlaceholder() + ((parameters != null) ? " " + parameters : "");
		};
	}

}
