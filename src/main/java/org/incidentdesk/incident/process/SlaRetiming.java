package org.incidentdesk.incident.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.SlaDateKeeper.Retimed;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.system.RefusedRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-times the running incidents after a business calendar or the SLA targets changed:
 * every open incident's SLA dates computed again for its current priority, as a priority
 * change does ({@link SlaDateKeeper#retime}). A preview changes nothing; an apply moves
 * the incidents in chunks of {@value #CHUNK}, each chunk in one transaction (an incident
 * moves whole or not at all), and holds the {@code sla_retiming} row meanwhile so that a
 * second run, on any node, is refused. It runs in the caller's thread: a run over 1,000
 * incidents takes seconds (docs/benchmarks.md), and the row keeps a run from starting
 * twice.
 */
@Service
class SlaRetiming {

	private static final Logger log = LoggerFactory.getLogger(SlaRetiming.class);

	/** Incidents per transaction of an apply. */
	static final int CHUNK = 100;

	/** Incidents an answer lists at most. */
	static final int LISTED = 100;

	/**
	 * A run whose node has not beaten for this long is taken to be dead (its node
	 * stopped): another run may take over the row.
	 */
	static final Duration TAKEOVER = Duration.ofMinutes(15);

	private final SlaDateKeeper keeper;

	private final IncidentRecords records;

	private final EngineClock clock;

	private final JdbcClient jdbc;

	private final TransactionTemplate chunk;

	private final TransactionTemplate own;

	/** The lock's clock is the wall clock, whatever the engine's clock plays. */
	private final Clock wall = Clock.systemUTC();

	SlaRetiming(SlaDateKeeper keeper, IncidentRecords records, EngineClock clock, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.keeper = keeper;
		this.records = records;
		this.clock = clock;
		this.jdbc = jdbc;
		this.chunk = new TransactionTemplate(transactions);
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * What a re-timing would move, of one tenant or of all ({@code null}); changes
	 * nothing.
	 */
	Preview preview(String tenantId) {
		long start = System.nanoTime();
		Instant now = this.clock.now();
		List<Incident> open = this.records.openWithSla(tenantId);
		Tally tally = new Tally(now);
		// In read-write transactions of a chunk each: the engine records every decision
		// evaluation in its history, as any evaluation of the SLA targets.
		for (int from = 0; from < open.size(); from += CHUNK) {
			List<Incident> part = open.subList(from, Math.min(open.size(), from + CHUNK));
			try {
				tally.add(this.chunk.execute((status) -> {
					Tally inChunk = new Tally(now);
					for (Incident incident : part) {
						Retimed dates = this.keeper.recomputed(incident, incident.priority());
						if (dates.moves()) {
							inChunk.moved(dates);
						}
						else {
							inChunk.unchanged++;
						}
					}
					return inChunk;
				}));
			}
			catch (RuntimeException ex) {
				log.warn("The SLA dates of {} incidents from {} cannot be computed again", part.size(),
						part.get(0).number(), ex);
				part.forEach((incident) -> tally.failed(incident.number()));
			}
		}
		return new Preview(true, tenantId, open.size(), tally.moved, tally.unchanged, tally.failed,
				tally.failedIncidents, tally.breachedAtOnce, tally.shift(), tally.moves,
				tally.moved > tally.moves.size(), (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * Re-times the open incidents of one tenant or of all ({@code null}), {@value #CHUNK}
	 * a transaction. A chunk that fails is done again one incident a transaction, so only
	 * the incidents that fail themselves stay as they were (a re-run takes them again).
	 * @throws RefusedRequestException (conflict) while another re-timing runs
	 */
	Applied apply(String tenantId, String actor) {
		long start = System.nanoTime();
		String run = take(tenantId, actor);
		Tally tally = new Tally(this.clock.now());
		int count = 0;
		int chunks = 0;
		try {
			List<String> numbers = this.records.openWithSla(tenantId).stream().map(Incident::number).toList();
			count = numbers.size();
			String why = "after a change of the business calendar or the SLA targets, by " + actor;
			for (int from = 0; from < numbers.size(); from += CHUNK) {
				List<String> part = numbers.subList(from, Math.min(numbers.size(), from + CHUNK));
				applyChunk(part, why, tally);
				chunks++;
				beat(run);
			}
		}
		finally {
			give(run, tally);
		}
		return new Applied(false, tenantId, count, tally.moved, tally.unchanged, tally.failed, tally.failedIncidents,
				tally.breachedAtOnce, tally.shift(), tally.moves, tally.moved > tally.moves.size(), chunks,
				(System.nanoTime() - start) / 1_000_000);
	}

	private void applyChunk(List<String> numbers, String why, Tally tally) {
		try {
			Tally done = this.chunk.execute((status) -> {
				Tally inChunk = new Tally(tally.now);
				for (String number : numbers) {
					retime(number, why, inChunk);
				}
				return inChunk;
			});
			tally.add(done);
		}
		catch (RuntimeException chunkFailed) {
			log.warn("A chunk of the SLA re-timing failed; its {} incidents go one by one", numbers.size(),
					chunkFailed);
			for (String number : numbers) {
				try {
					Tally done = this.chunk.execute((status) -> {
						Tally one = new Tally(tally.now);
						retime(number, why, one);
						return one;
					});
					tally.add(done);
				}
				catch (RuntimeException ex) {
					log.warn("The SLA dates of {} were not re-timed", number, ex);
					tally.failed(number);
				}
			}
		}
	}

	private void retime(String number, String why, Tally tally) {
		Optional<Retimed> moved = this.keeper.retime(number, why);
		if (moved.isPresent()) {
			tally.moved(moved.get());
		}
		else {
			tally.unchanged++;
		}
	}

	/**
	 * Takes the row for a run, in a transaction of its own: from IDLE, or from a run that
	 * has not beaten for {@link #TAKEOVER}.
	 */
	private String take(String tenantId, String actor) {
		String run = UUID.randomUUID().toString();
		OffsetDateTime now = OffsetDateTime.now(this.wall);
		Integer taken = this.own.execute((status) -> this.jdbc.sql("""
				update sla_retiming set status = 'RUNNING', run_id = :run, tenant_id = :tenant, started_by = :actor,
				started_at = :now, heartbeat_at = :now, finished_at = null, moved = null, unchanged = null,
				failed = null
				where id = 'run' and (status = 'IDLE' or heartbeat_at < :stale)""")
			.param("run", run)
			.param("tenant", tenantId)
			.param("actor", actor)
			.param("now", now)
			.param("stale", now.minus(TAKEOVER))
			.update());
		if (taken == null || taken == 0) {
			throw RefusedRequestException
				.conflict("A re-timing runs already",
						"Another re-timing of the SLA dates runs now; wait until it ends and run it again (a run "
								+ "moves only what is not right yet).")
				.with("runningSince",
						this.jdbc.sql("select started_at from sla_retiming where id = 'run'")
							.query(OffsetDateTime.class)
							.optional()
							.map(OffsetDateTime::toString)
							.orElse(null));
		}
		return run;
	}

	private void beat(String run) {
		this.own.executeWithoutResult((status) -> this.jdbc
			.sql("update sla_retiming set heartbeat_at = :now where id = 'run' and run_id = :run")
			.param("now", OffsetDateTime.now(this.wall))
			.param("run", run)
			.update());
	}

	private void give(String run, Tally tally) {
		this.own.executeWithoutResult((status) -> this.jdbc.sql("""
				update sla_retiming set status = 'IDLE', finished_at = :now, moved = :moved, unchanged = :unchanged,
				failed = :failed where id = 'run' and run_id = :run""")
			.param("now", OffsetDateTime.now(this.wall))
			.param("moved", tally.moved)
			.param("unchanged", tally.unchanged)
			.param("failed", tally.failed)
			.param("run", run)
			.update());
	}

	/** What a preview found; {@code incidents} lists at most {@value #LISTED}. */
	record Preview(boolean dryRun, String tenantId, int open, int wouldMove, int unchanged, int failed,
			List<String> failedIncidents, int breachedAtOnce, Shift resolutionShift, List<Move> incidents,
			boolean incidentsTruncated, long tookMillis) {

	}

	/** What an apply did. */
	record Applied(boolean dryRun, String tenantId, int open, int moved, int unchanged, int failed,
			List<String> failedIncidents, int breachedAtOnce, Shift resolutionShift, List<Move> incidents,
			boolean incidentsTruncated, int chunks, long tookMillis) {

	}

	/**
	 * How far the resolution due dates move: the least, the most and the sum, as ISO
	 * durations and in seconds (later is positive); {@code null} when nothing moves.
	 */
	record Shift(String min, String max, String total, long minSeconds, long maxSeconds, long totalSeconds) {

	}

	/**
	 * One incident's dates, old and new; breachedAtOnce if the new resolution is past.
	 */
	record Move(String number, String tenantId, String priority, boolean paused, OffsetDateTime oldResponseDueAt,
			OffsetDateTime newResponseDueAt, OffsetDateTime oldResolutionWarningAt,
			OffsetDateTime newResolutionWarningAt, OffsetDateTime oldResolutionDueAt, OffsetDateTime newResolutionDueAt,
			String resolutionShift, boolean breachedAtOnce) {

	}

	/** The counts of a run. */
	private static final class Tally {

		final Instant now;

		int moved;

		int unchanged;

		int failed;

		int breachedAtOnce;

		Long min;

		Long max;

		long total;

		final List<String> failedIncidents = new ArrayList<>();

		final List<Move> moves = new ArrayList<>();

		Tally(Instant now) {
			this.now = now;
		}

		void moved(Retimed dates) {
			Incident old = dates.incident();
			this.moved++;
			long shift = (old.resolutionDueAt() == null) ? 0
					: Duration.between(old.resolutionDueAt(), dates.resolutionDueAt()).toSeconds();
			this.min = (this.min == null) ? shift : Math.min(this.min, shift);
			this.max = (this.max == null) ? shift : Math.max(this.max, shift);
			this.total += shift;
			boolean breached = !dates.resolutionDueAt().toInstant().isAfter(this.now)
					&& (old.resolutionDueAt() == null || old.resolutionDueAt().toInstant().isAfter(this.now));
			if (breached) {
				this.breachedAtOnce++;
			}
			if (this.moves.size() < LISTED) {
				this.moves.add(new Move(old.number(), old.tenantId(), old.priority(), old.slaPausedAt() != null,
						old.responseDueAt(), dates.responseDueAt(), old.resolutionWarningAt(),
						dates.resolutionWarningAt(), old.resolutionDueAt(), utc(dates.resolutionDueAt()),
						Duration.ofSeconds(shift).toString(), breached));
			}
		}

		void failed(String number) {
			this.failed++;
			if (this.failedIncidents.size() < LISTED) {
				this.failedIncidents.add(number);
			}
		}

		void add(Tally other) {
			this.unchanged += other.unchanged;
			this.breachedAtOnce += other.breachedAtOnce;
			this.moved += other.moved;
			this.total += other.total;
			if (other.min != null) {
				this.min = (this.min == null) ? other.min : Math.min(this.min, other.min);
				this.max = (this.max == null) ? other.max : Math.max(this.max, other.max);
			}
			for (Move move : other.moves) {
				if (this.moves.size() < LISTED) {
					this.moves.add(move);
				}
			}
		}

		Shift shift() {
			if (this.min == null) {
				return null;
			}
			return new Shift(Duration.ofSeconds(this.min).toString(), Duration.ofSeconds(this.max).toString(),
					Duration.ofSeconds(this.total).toString(), this.min, this.max, this.total);
		}

		private static OffsetDateTime utc(OffsetDateTime time) {
			return time.withOffsetSameInstant(ZoneOffset.UTC);
		}

	}

}
