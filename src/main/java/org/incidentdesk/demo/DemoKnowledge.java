package org.incidentdesk.demo;

import java.util.List;

import org.incidentdesk.knowledge.ArticleKind;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.knowledge.NewArticle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Knowledge articles and known errors of the demo world, in English and Bahasa Indonesia.
 */
@Component
@Profile("demo")
class DemoKnowledge implements DemoContent {

	private final KnowledgeBase knowledge;

	DemoKnowledge(KnowledgeBase knowledge) {
		this.knowledge = knowledge;
	}

	@Override
	public void load() {
		article(null, ArticleKind.ARTICLE, "VPN cannot connect after a password change",
				"The VPN client says authentication failed or keeps asking for credentials.",
				"Sign out of the VPN client, clear the saved credentials, and sign in with the new password.",
				List.of("vpn", "password", "remote access"), "en", ArticleVisibility.PUBLIC);
		article(null, ArticleKind.ARTICLE, "Outlook does not synchronise mail",
				"New mail does not arrive in Outlook; the status bar says Disconnected or Updating folder.",
				"Close Outlook, start it with /resetnavpane, and if it persists re-create the mail profile.",
				List.of("outlook", "email", "sync"), "en", ArticleVisibility.PUBLIC);
		article(null, ArticleKind.ARTICLE, "Printer paper jam",
				"The printer shows a paper jam error or makes a grinding noise.",
				"Open the rear tray, remove the jammed paper gently, and check the fuser unit for torn pieces.",
				List.of("printer", "paper jam", "hardware"), "en", ArticleVisibility.PUBLIC);
		article(null, ArticleKind.ARTICLE, "Tidak bisa terhubung ke VPN",
				"Aplikasi VPN gagal tersambung atau terus meminta kata sandi.",
				"Keluar dari aplikasi VPN, hapus kredensial yang tersimpan, lalu masuk lagi dengan kata sandi baru.",
				List.of("vpn", "kata sandi"), "id", ArticleVisibility.PUBLIC);
		article(null, ArticleKind.ARTICLE, "Email baru tidak masuk ke Outlook",
				"Email baru tidak muncul di Outlook; status bawah menunjukkan Terputus atau Memperbarui folder.",
				"Tutup Outlook, jalankan dengan /resetnavpane, dan jika masih terjadi buat ulang profil email.",
				List.of("outlook", "email"), "id", ArticleVisibility.PUBLIC);
		article(null, ArticleKind.ARTICLE, "Printer macet kertas", "Printer menampilkan pesan kertas macet.",
				"Buka baki belakang, tarik kertas yang macet perlahan, lalu periksa unit fuser.",
				List.of("printer", "kertas macet"), "id", ArticleVisibility.PUBLIC);
		article(null, ArticleKind.KNOWN_ERROR, "ERP times out during month-end closing",
				"ERP screens time out between 17:00 and 20:00 on the last working day of the month.",
				"Fixed in ERP release 12.4 (problem PRB0000042).", List.of("erp", "timeout", "performance"), "en",
				ArticleVisibility.INTERNAL);
		article("globex", ArticleKind.ARTICLE, "Mesin kasir tidak bisa mencetak struk",
				"Printer struk di mesin kasir tidak mencetak setelah transaksi.",
				"Matikan mesin kasir, periksa gulungan kertas struk, lalu nyalakan kembali.",
				List.of("kasir", "struk", "POS"), "id", ArticleVisibility.PUBLIC);
	}

	private void article(String tenant, ArticleKind kind, String title, String symptoms, String resolution,
			List<String> tags, String language, ArticleVisibility visibility) {
		boolean knownError = kind == ArticleKind.KNOWN_ERROR;
		this.knowledge.create(new NewArticle(tenant, kind, title, symptoms, resolution, tags, language, visibility,
				ArticleState.PUBLISHED, knownError ? "PRB0000042" : null,
				knownError ? "Run the closing report after 20:00." : null), "demo");
	}

}
