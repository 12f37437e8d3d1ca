package org.incidentdesk.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What each measured step took, recorded from Gatling's own response times (the
 * {@code responseTimeInMillis} check) as the run goes, so that the ratios are printed at
 * the end of the same run without parsing Gatling's report files. Thread-safe: Gatling's
 * virtual users record from several threads.
 */
final class Results {

	private final Map<String, ConcurrentLinkedQueue<Sample>> samples = new ConcurrentHashMap<>();

	private final Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();

	/**
	 * One response of a request named {@code name}.
	 * @param status the HTTP status, 0 if there was no response
	 * @param millis the response time
	 * @param ok whether every check passed
	 */
	void request(String name, int status, long millis, boolean ok) {
		this.statuses.computeIfAbsent(name, key -> new ConcurrentHashMap<>()).merge(status, 1, Integer::sum);
		if (ok) {
			long end = System.currentTimeMillis();
			this.samples.computeIfAbsent(name, key -> new ConcurrentLinkedQueue<>()).add(new Sample(end - millis, end));
		}
	}

	/** One whole, successful sequence of requests (a lifecycle) from start to end. */
	void span(String name, long startMillis, long endMillis) {
		this.samples.computeIfAbsent(name, key -> new ConcurrentLinkedQueue<>())
			.add(new Sample(startMillis, endMillis));
	}

	Stats stats(String name) {
		List<Sample> list = new ArrayList<>(this.samples.getOrDefault(name, new ConcurrentLinkedQueue<>()));
		if (list.isEmpty()) {
			return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
		}
		long[] millis = list.stream().mapToLong(Sample::millis).sorted().toArray();
		long first = list.stream().mapToLong(Sample::start).min().orElseThrow();
		long last = list.stream().mapToLong(Sample::end).max().orElseThrow();
		double seconds = Math.max(1, last - first) / 1000.0;
		return new Stats(list.size(), percentile(millis, 50), percentile(millis, 99), list.size() / seconds);
	}

	/**
	 * From the first request's start to the last one's end, in epoch milliseconds, or
	 * null if none succeeded.
	 */
	long[] window(String name) {
		List<Sample> list = new ArrayList<>(this.samples.getOrDefault(name, new ConcurrentLinkedQueue<>()));
		if (list.isEmpty()) {
			return null;
		}
		return new long[] { list.stream().mapToLong(Sample::start).min().orElseThrow(),
				list.stream().mapToLong(Sample::end).max().orElseThrow() };
	}

	/** Every request name that got anything but 2xx, with the statuses seen. */
	Map<String, Map<Integer, Integer>> failures() {
		Map<String, Map<Integer, Integer>> failed = new TreeMap<>();
		this.statuses.forEach((name, counts) -> {
			if (counts.keySet().stream().anyMatch(status -> status < 200 || status > 299)) {
				failed.put(name, new TreeMap<>(counts));
			}
		});
		return failed;
	}

	/** Nearest rank, so p99 of 1,000 samples is the 990th fastest. */
	private static double percentile(long[] sorted, int percentile) {
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	/**
	 * The table of product against baseline for every comparison, as markdown.
	 */
	String table(BenchmarkSettings settings, List<Comparison> comparisons, CpuMeter cpu, List<String> notes) {
		StringBuilder out = new StringBuilder();
		out.append("## Benchmark ratios: ")
			.append(settings.db().name().toLowerCase(Locale.ROOT))
			.append(", size ")
			.append(settings.size())
			.append(", ")
			.append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
			.append("\n\n");
		out.append("Clients: ")
			.append(settings.clients())
			.append(". Times in ms; per second is what completed over the " + "phase's wall time.\n\n");
		out.append("| scenario | product n | product p50 | product p99 | product /s | baseline n | baseline p50 "
				+ "| baseline p99 | baseline /s | ratio | target | met? |\n");
		out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Comparison comparison : comparisons) {
			Stats product = stats(comparison.product());
			Stats baseline = stats(comparison.baseline());
			double ratio = comparison.measure().ratio(product, baseline);
			boolean met = comparison.measure().met(ratio, comparison.target());
			out.append("| ")
				.append(comparison.label())
				.append(" | ")
				.append(product.count())
				.append(" | ")
				.append(format(product.p50()))
				.append(" | ")
				.append(format(product.p99()))
				.append(" | ")
				.append(format(product.perSecond()))
				.append(" | ")
				.append(baseline.count())
				.append(" | ")
				.append(format(baseline.p50()))
				.append(" | ")
				.append(format(baseline.p99()))
				.append(" | ")
				.append(format(baseline.perSecond()))
				.append(" | ")
				.append(String.format(Locale.ROOT, "%.2f", ratio))
				.append(" | ")
				.append(comparison.measure().describe(comparison.target()))
				.append(" | ")
				.append(Double.isNaN(ratio) ? "no data" : met ? "yes" : "**no**")
				.append(" |\n");
		}
		cpuTable(out, comparisons, cpu);
		Map<String, Map<Integer, Integer>> failures = failures();
		if (!failures.isEmpty()) {
			out.append("\n**Failed requests** (status: count; 0 = no response):\n\n");
			failures.forEach((name, counts) -> out.append("- ").append(name).append(": ").append(counts).append('\n'));
		}
		if (!notes.isEmpty()) {
			out.append('\n');
			notes.forEach(note -> out.append("- ").append(note).append('\n'));
		}
		return out.toString();
	}

	/**
	 * CPU per request (per lifecycle for (b)) of each side: the CPU used over the phase's
	 * wall time, divided by what completed in it.
	 */
	private void cpuTable(StringBuilder out, List<Comparison> comparisons, CpuMeter cpu) {
		out.append("\nCPU per request in ms, over each phase's wall time: this JVM (the application, its job "
				+ "executor and Gatling) and ")
			.append(cpu.measuresDatabase() ? "PostgreSQL's processes" : "no separate database (H2 runs in the JVM)")
			.append(". With every core busy, a p99 ratio cannot fall much below the CPU ratio.\n\n");
		out.append("| scenario | product JVM | product database | baseline JVM | baseline database | CPU ratio |\n");
		out.append("|---|---|---|---|---|---|\n");
		for (Comparison comparison : comparisons) {
			double[] product = cpuPerRequest(comparison.product(), cpu);
			double[] baseline = cpuPerRequest(comparison.baseline(), cpu);
			double ratio = total(product) / total(baseline);
			out.append("| ")
				.append(comparison.label())
				.append(" | ")
				.append(format(product[0]))
				.append(" | ")
				.append(format(product[1]))
				.append(" | ")
				.append(format(baseline[0]))
				.append(" | ")
				.append(format(baseline[1]))
				.append(" | ")
				.append(Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio))
				.append(" |\n");
		}
	}

	private double[] cpuPerRequest(String name, CpuMeter cpu) {
		long[] window = window(name);
		if (window == null) {
			return new double[] { Double.NaN, Double.NaN };
		}
		double[] used = cpu.between(window[0], window[1]);
		int count = stats(name).count();
		return new double[] { used[0] / count, used[1] / count };
	}

	private static double total(double[] cpu) {
		return cpu[0] + (Double.isNaN(cpu[1]) ? 0 : cpu[1]);
	}

	static void write(Path file, String text) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String format(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
	}

	private record Sample(long start, long end) {

		long millis() {
			return this.end - this.start;
		}

	}

	/**
	 * @param count how many succeeded
	 * @param perSecond how many succeeded per second of the phase's wall time
	 */
	record Stats(int count, double p50, double p99, double perSecond) {
	}

	/** What a target compares, and in which direction. */
	enum Measure {

		/** product p99 over baseline p99; lower is better */
		P99 {
			@Override
			double ratio(Stats product, Stats baseline) {
				return product.p99() / baseline.p99();
			}

			@Override
			boolean met(double ratio, double target) {
				return ratio <= target;
			}

			@Override
			String describe(double target) {
				return "p99 ≤ " + target + "×";
			}
		},

		/** product throughput over baseline throughput; higher is better */
		THROUGHPUT {
			@Override
			double ratio(Stats product, Stats baseline) {
				return product.perSecond() / baseline.perSecond();
			}

			@Override
			boolean met(double ratio, double target) {
				return ratio >= target;
			}

			@Override
			String describe(double target) {
				return "throughput ≥ " + target + "×";
			}
		};

		abstract double ratio(Stats product, Stats baseline);

		abstract boolean met(double ratio, double target);

		abstract String describe(double target);

	}

	/**
	 * One line of the table.
	 *
	 * @param product the recorded name of the product's request or lifecycle
	 * @param baseline the recorded name of its baseline
	 */
	record Comparison(String label, String product, String baseline, Measure measure, double target) {
	}

}
