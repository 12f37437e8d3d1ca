package org.incidentdesk.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * One answer of {@code /actuator/prometheus} in the text format, read the way Prometheus
 * reads it: a sample is a line of the metric's name, its labels and a value.
 */
record Scrape(String text) {

	/**
	 * The value of the sample with the given name and at least these labels (name, value,
	 * name, value...), 0 if there is none yet (a counter not incremented yet is absent).
	 */
	double value(String name, String... labels) {
		List<String> found = lines(name, labels);
		if (found.size() > 1) {
			throw new IllegalStateException(found.size() + " samples match " + name + Arrays.toString(labels));
		}
		return found.isEmpty() ? 0 : Double.parseDouble(found.get(0).substring(found.get(0).lastIndexOf(' ') + 1));
	}

	/** The sample lines of the metric that carry these labels. */
	List<String> lines(String name, String... labels) {
		return this.text.lines()
			.filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter(line -> hasLabels(line, labels))
			.toList();
	}

	private static boolean hasLabels(String line, String... labels) {
		for (int i = 0; i < labels.length; i += 2) {
			String label = labels[i] + "=\"" + labels[i + 1] + "\"";
			if (!line.contains("{" + label + ",") && !line.contains("," + label + ",")
					&& !line.contains("{" + label + "}") && !line.contains("," + label + "}")) {
				return false;
			}
		}
		return true;
	}

}
