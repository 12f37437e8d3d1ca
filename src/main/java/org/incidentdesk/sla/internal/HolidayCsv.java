package org.incidentdesk.sla.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.incidentdesk.sla.BusinessCalendar;
import org.incidentdesk.sla.InvalidCalendarException;

/**
 * Reads holidays from CSV, one {@code date,name} a line: an ISO date and a name, quoted
 * when it holds a comma. A first line {@code date,name} is a header; blank lines and
 * lines starting with {@code #} are skipped. All or nothing: one bad line refuses the
 * whole file, naming every bad line and what is wrong with it.
 */
public final class HolidayCsv {

	/** The optional header. */
	public static final String HEADER = "date,name";

	/** The first and last year a holiday may be in. */
	static final int FIRST_YEAR = 1900;

	static final int LAST_YEAR = 2999;

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).get();

	private HolidayCsv() {
	}

	/**
	 * The holidays of the file, by date.
	 * @throws InvalidCalendarException naming the first bad line, with {@code errors}
	 * listing every one
	 */
	public static SortedMap<LocalDate, String> parse(String csv) {
		String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
		String[] lines = text.split("\r\n|\n|\r", -1);
		SortedMap<LocalDate, String> holidays = new TreeMap<>();
		Map<LocalDate, Integer> lineOf = new HashMap<>();
		List<String> errors = new ArrayList<>();
		boolean first = true;
		for (int i = 0; i < lines.length; i++) {
			int number = i + 1;
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			List<String> fields;
			try {
				fields = fields(line);
			}
			catch (IllegalArgumentException ex) {
				errors.add("line " + number + ": " + ex.getMessage());
				first = false;
				continue;
			}
			if (first && isHeader(fields)) {
				first = false;
				continue;
			}
			first = false;
			if (fields.size() != 2) {
				errors.add("line " + number + ": has " + fields.size() + " fields; a line is " + HEADER
						+ ", with the name in double quotes when it holds a comma");
				continue;
			}
			try {
				LocalDate date = date("line " + number, fields.get(0));
				String name = name("line " + number, fields.get(1));
				Integer earlier = lineOf.putIfAbsent(date, number);
				if (earlier != null) {
					errors.add("line " + number + ": " + date + " is given twice (also line " + earlier
							+ "); give each date once");
					continue;
				}
				holidays.put(date, name);
			}
			catch (InvalidCalendarException ex) {
				errors.add(ex.getMessage());
			}
		}
		if (errors.isEmpty() && holidays.isEmpty()) {
			errors.add("line 1: the file has no holidays; send lines " + HEADER + ", for example 2026-01-01,New Year");
		}
		if (!errors.isEmpty()) {
			String firstError = errors.get(0);
			String field = firstError.substring(0, firstError.indexOf(':'));
			String more = (errors.size() > 1) ? " (" + errors.size() + " bad lines in all, listed in errors)" : "";
			throw new InvalidCalendarException(field,
					"nothing was imported: " + firstError.substring(field.length() + 2) + more + ".", errors);
		}
		return holidays;
	}

	/**
	 * Reads an ISO date (YYYY-MM-DD).
	 * @throws InvalidCalendarException naming {@code field} when it is none
	 */
	public static LocalDate date(String field, String text) {
		String value = (text != null) ? text.strip() : "";
		if (ISO_DATE.matcher(value).matches()) {
			LocalDate date;
			try {
				date = LocalDate.parse(value);
			}
			catch (DateTimeParseException ex) {
				date = null; // a day the month does not have
			}
			if (date != null && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
				// Most likely a typo (0026 for 2026), and no database needs year 0.
				throw new InvalidCalendarException(field,
						"'" + value + "' is not between the years " + FIRST_YEAR + " and " + LAST_YEAR);
			}
			if (date != null) {
				return date;
			}
		}
		throw new InvalidCalendarException(field,
				"'" + ((text != null) ? text : "") + "' is no date in ISO form YYYY-MM-DD, for example 2026-08-17");
	}

	/**
	 * Reads a holiday's name.
	 * @throws InvalidCalendarException naming {@code field} when it is blank or too long
	 */
	public static String name(String field, String text) {
		String value = (text != null) ? text.strip() : "";
		if (value.isEmpty()) {
			throw new InvalidCalendarException(field, "the holiday has no name");
		}
		if (value.length() > BusinessCalendar.MAX_HOLIDAY_NAME) {
			throw new InvalidCalendarException(field,
					"the name is longer than " + BusinessCalendar.MAX_HOLIDAY_NAME + " characters");
		}
		return value;
	}

	private static List<String> fields(String line) {
		try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
			List<CSVRecord> records = parser.getRecords();
			if (records.size() != 1) {
				throw new IllegalArgumentException("is not one CSV line");
			}
			return records.get(0).toList();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new IllegalArgumentException("is no CSV line (a double quote is not closed)");
		}
	}

	private static boolean isHeader(List<String> fields) {
		return fields.stream()
			.map(field -> field.strip().toLowerCase(Locale.ROOT))
			.toList()
			.equals(List.of("date", "name"));
	}

}
