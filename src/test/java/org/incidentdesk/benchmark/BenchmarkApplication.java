package org.incidentdesk.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.incidentdesk.IncidentDeskApplication;
import org.incidentdesk.knowledge.KnowledgeSettings;
import org.incidentdesk.knowledge.internal.KnowledgeIndexer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.servlet.function.RouterFunction;

/**
 * Starts the whole application in this JVM for a benchmark, as the README runs it: the
 * {@code demo} profile (with {@code postgres} on PostgreSQL), the job executor on, a
 * fresh database. It listens on a random port of 127.0.0.1 only.
 * <p>
 * The benchmark's own endpoints ({@link BenchmarkHooks}: data fills, the raw Lucene
 * query) are registered here and nowhere else; they carry no stereotype annotation, so no
 * component scan of the tests picks them up.
 */
final class BenchmarkApplication implements AutoCloseable {

	/**
	 * A key for benchmark databases only, so they run the keyed audit chain of
	 * production.
	 */
	private static final String CHAIN_KEY = "benchmark-only-audit-chain-key-not-a-secret-0123456789";

	private final ConfigurableApplicationContext context;

	private final EmbeddedPostgres postgres;

	private final Path workDirectory;

	private final CpuMeter cpu;

	private BenchmarkApplication(ConfigurableApplicationContext context, EmbeddedPostgres postgres,
			Path workDirectory) {
		this.context = context;
		this.postgres = postgres;
		this.workDirectory = workDirectory;
		this.cpu = CpuMeter.start(context.getBean(DataSource.class), postgres != null);
	}

	static BenchmarkApplication start(BenchmarkSettings settings) {
		Path work = createWorkDirectory();
		EmbeddedPostgres postgres = null;
		try {
			List<String> args = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
					"--camunda.bpm.job-execution.enabled=true", "--incident-desk.audit.chain-key=" + CHAIN_KEY,
					// The raw Lucene baseline opens the same index directory as the
					// product.
					"--incident-desk.knowledge.index-directory=" + work.resolve("knowledge-index"),
					"--spring.main.banner-mode=off"));
			if (settings.db() == BenchmarkSettings.Database.POSTGRES) {
				postgres = EmbeddedPostgres.builder().start();
				args.add("--spring.profiles.active=demo,postgres");
				args.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"));
				args.add("--spring.datasource.username=postgres");
				args.add("--spring.datasource.password=postgres");
			}
			else {
				args.add("--spring.profiles.active=demo");
				args.add("--spring.datasource.url=jdbc:h2:file:" + work.resolve("h2/incident-desk").toAbsolutePath()
						+ ";DB_CLOSE_ON_EXIT=FALSE");
			}
			long started = System.nanoTime();
			SpringApplication application = new SpringApplication(IncidentDeskApplication.class);
			application.addInitializers((ConfigurableApplicationContext context) -> register(context));
			ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
			System.out.printf("BENCHMARK application started on %s in %.1f s (%s)%n",
					((WebServerApplicationContext) context).getWebServer().getPort(),
					(System.nanoTime() - started) / 1e9, settings.db());
			return new BenchmarkApplication(context, postgres, work);
		}
		catch (IOException ex) {
			close(postgres);
			deleteRecursively(work);
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL", ex);
		}
		catch (RuntimeException ex) {
			close(postgres);
			deleteRecursively(work);
			throw ex;
		}
	}

	private static void register(ConfigurableApplicationContext context) {
		GenericApplicationContext generic = (GenericApplicationContext) context;
		generic.registerBean(BenchmarkHooks.class, () -> new BenchmarkHooks(generic.getBean(DataSource.class),
				generic.getBean(KnowledgeIndexer.class), generic.getBean(KnowledgeSettings.class).indexDirectory()));
		generic.registerBean("benchmarkRoutes", RouterFunction.class,
				() -> generic.getBean(BenchmarkHooks.class).routes());
	}

	/** The CPU used by this JVM and the database since the application started. */
	CpuMeter cpu() {
		return this.cpu;
	}

	String baseUrl() {
		String url = "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
		BenchmarkSettings.refuseRemoteTarget(url);
		return url;
	}

	@Override
	public void close() {
		try {
			this.cpu.close();
			this.context.close();
		}
		finally {
			close(this.postgres);
			deleteRecursively(this.workDirectory);
		}
	}

	private static Path createWorkDirectory() {
		try {
			return Files.createTempDirectory("incident-desk-benchmark-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		if (postgres != null) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				System.err.println("BENCHMARK could not stop the embedded PostgreSQL: " + ex);
			}
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("BENCHMARK could not remove " + directory + ": " + ex);
		}
	}

}
