package org.incidentdesk.cmdb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.incidentdesk.cmdb.internal.CsvFormatException;
import org.incidentdesk.cmdb.internal.CsvParser;
import org.incidentdesk.cmdb.internal.CsvRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports configuration items from CSV with the header {@value #HEADER}, all or nothing.
 */
@Service
class CmdbImport {

	static final String HEADER = "name,type,location,remotely_serviceable,parent";

	private static final List<String> COLUMNS = List.of(HEADER.split(","));

	private final Cmdb cmdb;

	CmdbImport(Cmdb cmdb) {
		this.cmdb = cmdb;
	}

	/**
	 * Imports the items of one tenant.
	 * @throws RejectedImportException listing every bad line; then nothing was written
	 */
	@Transactional
	ImportResult importCsv(String tenantId, String csv) {
		List<CsvRecord> records;
		try {
			records = CsvParser.parse(csv);
		}
		catch (CsvFormatException ex) {
			// After a broken quote nothing that follows can be trusted, so this is the
			// only error.
			throw new RejectedImportException(List.of(ex.getMessage()));
		}
		if (records.isEmpty() || !isHeader(records.get(0))) {
			throw new RejectedImportException(List.of("line 1: the first line must be the header " + HEADER));
		}
		List<ImportRow> rows = new ArrayList<>();
		List<String> malformed = new ArrayList<>();
		for (CsvRecord record : records.subList(1, records.size())) {
			List<String> fields = record.fields();
			if (fields.size() != COLUMNS.size()) {
				malformed.add("line " + record.line() + ": has " + fields.size() + " fields instead of "
						+ COLUMNS.size() + " (" + HEADER + ")");
			}
			else {
				rows.add(new ImportRow(record.line(), fields.get(0), fields.get(1), fields.get(2), fields.get(3),
						fields.get(4)));
			}
		}
		if (rows.isEmpty() && malformed.isEmpty()) {
			throw new RejectedImportException(List.of("line 2: the file has no items after the header"));
		}
		if (!malformed.isEmpty()) {
			// Check the well-formed lines too, so that one answer lists every bad line.
			List<String> errors = Stream.concat(malformed.stream(), this.cmdb.checkImport(tenantId, rows).stream())
				.sorted(Comparator.comparingInt(CmdbImport::lineOf))
				.toList();
			throw new RejectedImportException(errors);
		}
		return this.cmdb.upsertAll(tenantId, rows);
	}

	private static boolean isHeader(CsvRecord record) {
		return record.fields().stream().map((field) -> field.trim().toLowerCase(Locale.ROOT)).toList().equals(COLUMNS);
	}

	private static int lineOf(String error) {
		return Integer.parseInt(error.substring("line ".length(), error.indexOf(':')));
	}

}
