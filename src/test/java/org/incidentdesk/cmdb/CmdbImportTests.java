package org.incidentdesk.cmdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@CmdbDatabaseTest
class CmdbImportTests {

	private static final String HEADER = "name,type,location,remotely_serviceable,parent\r\n";

	@Autowired
	CmdbImport imports;

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
	void createsItemsAndLinksParentsWhateverTheOrderOfTheLines() throws IOException {
		// When children come before their parents
		ImportResult result = this.imports.importCsv("acme", fixture("valid.csv"));

		// Then
		assertThat(result).isEqualTo(new ImportResult(4, 0, 0));
		Map<String, ConfigurationItem> items = items("acme");
		assertThat(items).containsOnlyKeys("mail-service", "mail-01", "rack-4", "vpn-gateway");
		assertThat(items.get("mail-service").parentId()).isEqualTo(items.get("mail-01").id());
		assertThat(items.get("mail-01").parentId()).isEqualTo(items.get("rack-4").id());
		assertThat(items.get("rack-4").parentId()).isNull();
		assertThat(items.get("mail-01").type()).isEqualTo(CiType.HARDWARE);
		assertThat(items.get("mail-01").location()).isEqualTo("Jakarta DC, rack 4");
		assertThat(items.get("rack-4").location()).isEqualTo("Jakarta DC, hall \"B\"");
		assertThat(items.get("vpn-gateway").remotelyServiceable()).isTrue();
		assertThat(items.get("vpn-gateway").location()).isNull();
	}

	@Test
	void updatesWhatTheTenantHasAndCreatesTheRestOnReimport() throws IOException {
		// Given
		this.imports.importCsv("acme", fixture("valid.csv"));
		long mailId = items("acme").get("mail-01").id();

		// When mail-01 moves and loses its parent, and printer-3 is new
		ImportResult result = this.imports.importCsv("acme", fixture("reimport.csv"));

		// Then
		assertThat(result).isEqualTo(new ImportResult(1, 1, 3));
		Map<String, ConfigurationItem> items = items("acme");
		assertThat(items).hasSize(5);
		assertThat(items.get("mail-01").id()).isEqualTo(mailId);
		assertThat(items.get("mail-01").location()).isEqualTo("Surabaya DC");
		assertThat(items.get("mail-01").remotelyServiceable()).isTrue();
		assertThat(items.get("mail-01").parentId()).isNull();
		assertThat(items.get("mail-service").parentId()).isEqualTo(mailId);
		assertThat(items.get("printer-3").location()).isEqualTo("Floor 3");
	}

	@Test
	void matchesExistingNamesIgnoringCaseAndKeepsTheirSpelling() {
		// Given
		this.cmdb.register(new NewConfigurationItem("acme", "Mail-01", CiType.HARDWARE, null, false, null));

		// When
		ImportResult result = this.imports.importCsv("acme", HEADER + "MAIL-01,SOFTWARE,,false,\r\n");

		// Then
		assertThat(result).isEqualTo(new ImportResult(0, 1, 0));
		assertThat(items("acme")).containsOnlyKeys("Mail-01");
		assertThat(items("acme").get("Mail-01").type()).isEqualTo(CiType.SOFTWARE);
	}

	@Test
	void linksToParentsAlreadyInTheTenantsCmdbButNotInAnothers() {
		// Given
		ConfigurationItem rack = this.cmdb
			.register(new NewConfigurationItem("acme", "rack-4", CiType.HARDWARE, null, false, null));
		this.cmdb.register(new NewConfigurationItem("globex", "rack-9", CiType.HARDWARE, null, false, null));

		// When
		this.imports.importCsv("acme", HEADER + "mail-01,HARDWARE,,false,rack-4\r\n");

		// Then
		assertThat(items("acme").get("mail-01").parentId()).isEqualTo(rack.id());
		assertThatExceptionOfType(RejectedImportException.class)
			.isThrownBy(() -> this.imports.importCsv("acme", HEADER + "mail-02,HARDWARE,,false,rack-9\r\n"))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly("line 2: parent 'rack-9' is neither in the file nor in the CMDB of tenant acme"));
	}

	@Test
	void writesNothingAndReportsEveryBadLine() throws IOException {
		// Given
		this.cmdb.register(new NewConfigurationItem("acme", "existing", CiType.HARDWARE, "Floor 1", false, null));

		// When
		assertThatExceptionOfType(RejectedImportException.class)
			.isThrownBy(() -> this.imports.importCsv("acme", fixture("bad.csv")))
			// Then
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					"line 3: type 'TOASTER' is not one of [HARDWARE, SOFTWARE, NETWORK, SERVICE]",
					"line 4: name is missing",
					"line 5: parent 'docking-station' is neither in the file nor in the CMDB of tenant acme",
					"line 6: name 'GOOD-1' appears again (first on line 2)",
					"line 7: parent 'loop-b' would make a cycle: loop-a -> loop-b -> loop-a",
					"line 8: parent 'loop-a' would make a cycle: loop-b -> loop-a -> loop-b",
					"line 9: remotely_serviceable must be true or false, not 'maybe'"));
		assertThat(items("acme")).containsOnlyKeys("existing");
	}

	@Test
	void writesNothingWhenOneLineAmongGoodOnesIsBad() {
		// Given
		this.cmdb.register(new NewConfigurationItem("acme", "existing", CiType.HARDWARE, "Floor 1", false, null));
		String csv = HEADER + "new-1,SERVICE,,true,\r\nexisting,SOFTWARE,Floor 2,true,new-1\r\nnew-2,SERVICE,,yes,\r\n";

		// When
		assertThatExceptionOfType(RejectedImportException.class).isThrownBy(() -> this.imports.importCsv("acme", csv))
			// Then
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly("line 4: remotely_serviceable must be true or false, not 'yes'"));
		assertThat(items("acme")).containsOnlyKeys("existing");
		assertThat(items("acme").get("existing").location()).isEqualTo("Floor 1");
	}

	@Test
	void rejectsACycleThroughItemsAlreadyInTheCmdb() {
		// Given rack-4 <- mail-01 in the CMDB
		ConfigurationItem rack = this.cmdb
			.register(new NewConfigurationItem("acme", "rack-4", CiType.HARDWARE, null, false, null));
		this.cmdb.register(new NewConfigurationItem("acme", "mail-01", CiType.HARDWARE, null, false, rack.id()));

		// When rack-4 would run on mail-01, or on itself
		assertThatExceptionOfType(RejectedImportException.class)
			.isThrownBy(() -> this.imports.importCsv("acme",
					HEADER + "rack-4,HARDWARE,,false,mail-01\r\nself,SERVICE,,true,SELF\r\n"))
			// Then
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					"line 2: parent 'mail-01' would make a cycle: rack-4 -> mail-01 -> rack-4",
					"line 3: parent 'SELF' would make a cycle: self -> self"));
		assertThat(items("acme").get("rack-4").parentId()).isNull();
	}

	@Test
	void reportsLinesWithTheWrongNumberOfFieldsTogetherWithTheOtherErrors() {
		// Given
		String csv = HEADER + "a,HARDWARE,,true\r\nb,DESK,,true,\r\n\"c, d\",HARDWARE,,true,,extra\r\n";

		// When
		assertThatExceptionOfType(RejectedImportException.class).isThrownBy(() -> this.imports.importCsv("acme", csv))
			// Then
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					"line 2: has 4 fields instead of 5 (name,type,location,remotely_serviceable,parent)",
					"line 3: type 'DESK' is not one of [HARDWARE, SOFTWARE, NETWORK, SERVICE]",
					"line 4: has 6 fields instead of 5 (name,type,location,remotely_serviceable,parent)"));
		assertThat(items("acme")).isEmpty();
	}

	@Test
	void rejectsAFileWithoutTheHeaderOrWithBrokenQuoting() {
		// When / Then
		assertThatExceptionOfType(RejectedImportException.class)
			.isThrownBy(() -> this.imports.importCsv("acme", "mail-01,HARDWARE,,true,\r\n"))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly("line 1: the first line must be the header " + CmdbImport.HEADER));
		assertThatExceptionOfType(RejectedImportException.class)
			.isThrownBy(
					() -> this.imports.importCsv("acme", HEADER + "ok,HARDWARE,,true,\r\n\"mail,HARDWARE,,true,\r\n"))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly("line 3: a quoted field is not closed"));
		assertThatExceptionOfType(RejectedImportException.class)
			.isThrownBy(() -> this.imports.importCsv("acme", HEADER))
			.satisfies(
					(ex) -> assertThat(ex.errors()).containsExactly("line 2: the file has no items after the header"));
		assertThat(items("acme")).isEmpty();
	}

	private Map<String, ConfigurationItem> items(String tenant) {
		return this.cmdb.list(tenant).stream().collect(Collectors.toMap(ConfigurationItem::name, Function.identity()));
	}

	private static String fixture(String name) throws IOException {
		return new ClassPathResource("cmdb/" + name).getContentAsString(StandardCharsets.UTF_8);
	}

}
