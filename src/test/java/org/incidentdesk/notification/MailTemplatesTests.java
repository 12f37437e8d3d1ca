package org.incidentdesk.notification;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTests {

	private static final Locale ENGLISH = Locale.ENGLISH;

	private static final Locale INDONESIAN = MailRecipients.INDONESIAN;

	private final MailTemplates templates = new MailTemplates();

	@ParameterizedTest
	@EnumSource(NotificationKind.class)
	void everyKindHasAnEnglishAndAnIndonesianMail(NotificationKind kind) {
		Incident incident = incident("Printer on floor 3 jams", IncidentState.IN_PROGRESS);

		RenderedMail english = this.templates.render(kind, incident, "Alice Anders", ENGLISH);
		RenderedMail indonesian = this.templates.render(kind, incident, "Citra Lestari", INDONESIAN);

		assertThat(english.subject()).startsWith("[INC0000042] ").endsWith(": Printer on floor 3 jams");
		assertThat(indonesian.subject()).startsWith("[INC0000042] ").endsWith(": Printer on floor 3 jams");
		assertThat(english.body()).startsWith("Hello Alice Anders,")
			.contains("Number: INC0000042", "Summary: Printer on floor 3 jams", "State: In progress", "Priority: P3");
		assertThat(indonesian.body()).startsWith("Halo Citra Lestari,")
			.contains("Nomor: INC0000042", "Ringkasan: Printer on floor 3 jams", "Status: Sedang dikerjakan",
					"Prioritas: P3");
		// A missing text shows as ??key_locale?? in Thymeleaf
		assertThat(english.subject() + english.body() + indonesian.subject() + indonesian.body()).doesNotContain("??");
		assertThat(indonesian.body()).isNotEqualTo(english.body());
	}

	@Test
	void theResolvedMailAsksTheCallerToConfirmOrRejectInThePortal() {
		Incident incident = incident("VPN drops", IncidentState.RESOLVED);

		RenderedMail english = this.templates.render(NotificationKind.RESOLVED, incident, "Alice", ENGLISH);
		RenderedMail indonesian = this.templates.render(NotificationKind.RESOLVED, incident, "Citra", INDONESIAN);

		assertThat(english.body()).contains("Replaced the VPN client profile.")
			.contains("confirm that your problem is solved, or reject the resolution")
			.contains("in the portal")
			.doesNotContain("http");
		assertThat(indonesian.body()).contains("konfirmasikan bahwa masalah Anda sudah teratasi, atau tolak")
			.contains("portal");
	}

	@Test
	void userTextIsNeitherMarkupNorTemplate() {
		Incident incident = incident("<script>alert(1)</script> [[${7*7}]] __${T(java.lang.System).exit(1)}__ & {0}",
				IncidentState.NEW);

		RenderedMail mail = this.templates.render(NotificationKind.INCIDENT_OPENED, incident, "<b>Eve</b>", ENGLISH);

		assertThat(mail.subject())
			.endsWith(": <script>alert(1)</script> [[${7*7}]] __${T(java.lang.System).exit(1)}__ & {0}");
		assertThat(mail.body()).contains("Hello <b>Eve</b>,")
			.contains("Summary: <script>alert(1)</script> [[${7*7}]] __${T(java.lang.System).exit(1)}__ & {0}")
			.doesNotContain("&lt;")
			.doesNotContain("49");
	}

	@Test
	void theResolvedMailCarriesTheLinksAndWhenTheyExpire() {
		Incident incident = incident("VPN drops", IncidentState.RESOLVED);
		var links = new ResolutionLinks.Issued("https://desk.example/links/resolution/abc?answer=confirm",
				"https://desk.example/links/resolution/abc?answer=reject",
				OffsetDateTime.of(2026, 3, 5, 9, 0, 0, 0, ZoneOffset.UTC));

		RenderedMail english = this.templates.render(NotificationKind.RESOLVED, incident, "Alice", ENGLISH,
				new MailDetails(null, links, false));
		RenderedMail indonesian = this.templates.render(NotificationKind.RESOLVED, incident, "Citra", INDONESIAN,
				new MailDetails(null, links, false));

		assertThat(english.body()).as(english.body())
			.contains("Each link below works once, until 2026-03-05 09:00 UTC.\n\nYes, it is solved (confirm):\n"
					+ links.confirmUrl() + "\n\nNo, it is not solved (reject):\n" + links.rejectUrl() + "\n")
			.doesNotContain("in the portal");
		assertThat(indonesian.body()).as(indonesian.body())
			.contains("Ya, sudah teratasi (konfirmasi):\n" + links.confirmUrl(),
					"Tidak, belum teratasi (tolak):\n" + links.rejectUrl());
	}

	@Test
	void anUpdateQuotesItsTextLiterallyAndInvitesARepliedCommentWhenRepliesAreAccepted() {
		Incident incident = incident("VPN drops", IncidentState.IN_PROGRESS);
		String comment = "<script>alert(1)</script> [[${7*7}]] it's {0} & done";

		RenderedMail english = this.templates.render(NotificationKind.UPDATED, incident, "Alice", ENGLISH,
				new MailDetails(comment, null, true));
		RenderedMail indonesian = this.templates.render(NotificationKind.UPDATED, incident, "Citra", INDONESIAN,
				new MailDetails(comment, null, false));

		assertThat(english.subject()).isEqualTo("[INC0000042] Your incident was updated: VPN drops");
		assertThat(english.body()).as(english.body())
			.contains("There is news about your incident INC0000042:\n\n" + comment + "\n")
			.contains("reply to it and keep [INC0000042] in the subject")
			.doesNotContain("&lt;", "49");
		assertThat(indonesian.subject()).isEqualTo("[INC0000042] Ada pembaruan pada insiden Anda: VPN drops");
		assertThat(indonesian.body()).contains(comment, "mohon jangan membalas");
	}

	@Test
	void aLineBreakInTheSummaryDoesNotBreakTheSubjectLine() {
		Incident incident = incident("Mail bounces\r\nBcc: everyone@example.com", IncidentState.NEW);

		RenderedMail mail = this.templates.render(NotificationKind.INCIDENT_OPENED, incident, "Alice", ENGLISH);

		assertThat(mail.subject()).doesNotContain("\n", "\r").endsWith("Mail bounces Bcc: everyone@example.com");
	}

	@Test
	void readsTheLanguageFromTheUserInfoAndFallsBackToEnglish() {
		assertThat(MailRecipients.locale("id")).isEqualTo(INDONESIAN);
		assertThat(MailRecipients.locale(" ID ")).isEqualTo(INDONESIAN);
		assertThat(MailRecipients.locale("en")).isEqualTo(ENGLISH);
		assertThat(MailRecipients.locale("fr")).isEqualTo(ENGLISH);
		assertThat(MailRecipients.locale(null)).isEqualTo(ENGLISH);
	}

	private static Incident incident(String summary, IncidentState state) {
		OffsetDateTime now = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);
		return new Incident(42, "INC0000042", "acme", "alice", null, Channel.PORTAL, summary, "details", "hardware",
				null, Level.MEDIUM, Level.MEDIUM, "P3", state, null, "support-infrastructure", null, 2, false, null,
				null, now.plusHours(8), null, null, null, null, null, "FIXED", "Replaced the VPN client profile.", null,
				null, null, null, null, 1, 0, 0, null, null, now, now, 0, false, null, 0);
	}

}
