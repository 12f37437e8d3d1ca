package org.incidentdesk.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CPU time this JVM (the application and Gatling) and the embedded PostgreSQL have
 * used, sampled every 100 ms while the run goes, so that the table can say how much CPU
 * one request of each side cost. On a machine whose cores are all busy during a phase, a
 * p99 ratio cannot fall much below the ratio of these costs.
 * <p>
 * PostgreSQL's time is read from {@code /proc} (Linux): the server process, the children
 * it has reaped and those still running. The server is found from a connection's own
 * backend process. Where that cannot be read (not Linux, or H2, which runs inside this
 * JVM), the database column stays empty.
 */
final class CpuMeter implements AutoCloseable {

	private static final long TICKS_PER_SECOND = 100;

	private final OptionalLong postmaster;

	private final List<long[]> samples = new ArrayList<>();

	private final Thread sampler;

	private volatile boolean running = true;

	private CpuMeter(OptionalLong postmaster) {
		this.postmaster = postmaster;
		this.sampler = new Thread(this::sample, "benchmark-cpu-meter");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	/**
	 * A meter of this JVM, and of the PostgreSQL behind the data source if it has one.
	 */
	static CpuMeter start(DataSource dataSource, boolean postgres) {
		OptionalLong postmaster = OptionalLong.empty();
		if (postgres) {
			try {
				Long backend = new JdbcTemplate(dataSource).queryForObject("select pg_backend_pid()", Long.class);
				postmaster = (backend != null) ? parentOf(backend) : OptionalLong.empty();
			}
			catch (RuntimeException ex) {
				System.err.println("BENCHMARK cannot find the PostgreSQL server process: " + ex);
			}
		}
		return new CpuMeter(postmaster);
	}

	boolean measuresDatabase() {
		return this.postmaster.isPresent();
	}

	/**
	 * CPU milliseconds used between the two moments, JVM and database (negative if the
	 * database is not measured), from the samples around them.
	 */
	double[] between(long fromMillis, long toMillis) {
		long[] from = at(fromMillis);
		long[] to = at(toMillis);
		if (from == null || to == null) {
			return new double[] { Double.NaN, Double.NaN };
		}
		double database = measuresDatabase() ? (to[2] - from[2]) / 1e6 : Double.NaN;
		return new double[] { (to[1] - from[1]) / 1e6, database };
	}

	private synchronized long[] at(long millis) {
		long[] best = null;
		for (long[] sample : this.samples) {
			if (best == null || Math.abs(sample[0] - millis) < Math.abs(best[0] - millis)) {
				best = sample;
			}
		}
		return best;
	}

	private void sample() {
		while (this.running) {
			long[] sample = { System.currentTimeMillis(), jvmNanos(), databaseNanos() };
			synchronized (this) {
				this.samples.add(sample);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static long jvmNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private long databaseNanos() {
		if (this.postmaster.isEmpty()) {
			return 0;
		}
		long server = this.postmaster.getAsLong();
		long ticks = 0;
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : (Iterable<Path>) processes::iterator) {
				String name = process.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit)) {
					continue;
				}
				String[] fields = statFields(process);
				if (fields == null) {
					continue;
				}
				long pid = Long.parseLong(name);
				// Fields after the command: state is [0], ppid [1], utime [11], stime
				// [12], cutime [13], cstime [14].
				if (pid == server) {
					ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
							+ Long.parseLong(fields[14]);
				}
				else if (Long.parseLong(fields[1]) == server) {
					ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
		return ticks * (1_000_000_000L / TICKS_PER_SECOND);
	}

	private static OptionalLong parentOf(long pid) {
		String[] fields = statFields(Path.of("/proc", Long.toString(pid)));
		return (fields != null) ? OptionalLong.of(Long.parseLong(fields[1])) : OptionalLong.empty();
	}

	/** The fields of {@code /proc/<pid>/stat} after the command name, or null. */
	private static String[] statFields(Path process) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.sampler.interrupt();
	}

}
