package org.incidentdesk.cmdb;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@CmdbDatabaseTest
class CmdbTests {

	@Autowired
	Cmdb cmdb;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void emptyTheCmdb() {
		this.jdbc.sql("update configuration_item set parent_id = null").update();
		this.jdbc.sql("delete from configuration_item").update();
	}

	@Test
	void refusesASecondItemOfTheSameNameIgnoringCase() {
		// Given
		ConfigurationItem mail = this.cmdb.create(item("acme", "mail-01", null));

		// When / Then
		assertThatExceptionOfType(DuplicateConfigurationItemException.class)
			.isThrownBy(() -> this.cmdb.create(item("acme", "MAIL-01", null)))
			.satisfies((ex) -> assertThat(ex.properties()).containsEntry("existingId", mail.id()));
		assertThat(this.cmdb.create(item("globex", "mail-01", null)).tenantId()).isEqualTo("globex");
	}

	@Test
	void refusesAParentOfAnotherTenant() {
		// Given
		ConfigurationItem foreign = this.cmdb.create(item("globex", "rack-9", null));

		// When / Then
		assertThatExceptionOfType(InvalidConfigurationItemException.class)
			.isThrownBy(() -> this.cmdb.create(item("acme", "mail-01", foreign.id())))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly("parentId " + foreign.id() + " is not a configuration item of tenant acme"));
		ConfigurationItem mail = this.cmdb.create(item("acme", "mail-01", null));
		assertThatExceptionOfType(InvalidConfigurationItemException.class).isThrownBy(() -> this.cmdb.update("acme",
				mail.id(), new ConfigurationItemChange(CiType.HARDWARE, null, false, foreign.id())));
	}

	@Test
	void changesAnItemAndItsParent() {
		// Given
		ConfigurationItem rack = this.cmdb.create(item("acme", "rack-4", null));
		ConfigurationItem mail = this.cmdb.create(item("acme", "mail-01", null));

		// When
		ConfigurationItem changed = this.cmdb.update("acme", mail.id(),
				new ConfigurationItemChange(CiType.SOFTWARE, "Hall B", true, rack.id()));

		// Then
		assertThat(changed.type()).isEqualTo(CiType.SOFTWARE);
		assertThat(changed.location()).isEqualTo("Hall B");
		assertThat(changed.remotelyServiceable()).isTrue();
		assertThat(changed.parentId()).isEqualTo(rack.id());
		assertThat(this.cmdb.childrenOf("acme", rack.id())).containsExactly(mail.id());
	}

	@Test
	void refusesAParentThatWouldMakeACycle() {
		// Given rack <- server <- service
		ConfigurationItem rack = this.cmdb.create(item("acme", "rack-4", null));
		ConfigurationItem server = this.cmdb.create(item("acme", "mail-01", rack.id()));
		ConfigurationItem service = this.cmdb.create(item("acme", "mail-service", server.id()));

		// When / Then
		assertThatExceptionOfType(InvalidConfigurationItemException.class)
			.isThrownBy(() -> this.cmdb.update("acme", rack.id(),
					new ConfigurationItemChange(CiType.HARDWARE, null, false, service.id())))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					"parent 'mail-service' would make a cycle: rack-4 -> mail-service -> mail-01 -> rack-4"));
		assertThatExceptionOfType(InvalidConfigurationItemException.class).isThrownBy(() -> this.cmdb.update("acme",
				rack.id(), new ConfigurationItemChange(CiType.HARDWARE, null, false, rack.id())));
		assertThat(this.cmdb.find("acme", rack.id()).orElseThrow().parentId()).isNull();
	}

	@Test
	void answersAnUnknownItemWithNotFound() {
		// Given
		ConfigurationItem foreign = this.cmdb.create(item("globex", "rack-9", null));

		// When / Then
		assertThatExceptionOfType(UnknownConfigurationItemException.class).isThrownBy(() -> this.cmdb.update("acme",
				foreign.id(), new ConfigurationItemChange(CiType.HARDWARE, null, false, null)));
	}

	@Test
	void filtersByTypeAndByTextInTheNameIgnoringCaseAndWildcards() {
		// Given
		this.cmdb.create(item("acme", "Mail-01", null));
		this.cmdb.create(new NewConfigurationItem("acme", "mail_service", CiType.SERVICE, null, true, null));
		this.cmdb.create(item("acme", "mailXservice", null));
		this.cmdb.create(item("acme", "vpn", null));
		this.cmdb.create(item("globex", "mail-02", null));

		// When / Then
		assertThat(this.cmdb.listFiltered("acme", null, "MAIL")).extracting(ConfigurationItem::name)
			.containsExactly("Mail-01", "mailXservice", "mail_service");
		assertThat(this.cmdb.listFiltered("acme", CiType.SERVICE, null)).extracting(ConfigurationItem::name)
			.containsExactly("mail_service");
		assertThat(this.cmdb.listFiltered("acme", null, "l_s")).extracting(ConfigurationItem::name)
			.containsExactly("mail_service");
		assertThat(this.cmdb.listFiltered("acme", null, "%")).isEmpty();
	}

	private static NewConfigurationItem item(String tenant, String name, Long parentId) {
		return new NewConfigurationItem(tenant, name, CiType.HARDWARE, null, false, parentId);
	}

}
