package org.incidentdesk.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many notifications wait in the outbox, for monitoring. One grouped count over the
 * status index; a notification that waits for its next attempt after a failure is still
 * pending.
 */
@Component
public class OutboxDepth {

	private final JdbcClient jdbc;

	OutboxDepth(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Depth read() {
		long[] counts = new long[2];
		this.jdbc.sql("select status, count(*) from notification where status in ('PENDING', 'FAILED') group by status")
			.query(rs -> {
				counts[("PENDING".equals(rs.getString(1))) ? 0 : 1] = rs.getLong(2);
			});
		return new Depth(counts[0], counts[1]);
	}

	/**
	 * @param pending notifications still to be sent, including those waiting to be
	 * retried
	 * @param failed notifications given up after their last attempt
	 */
	public record Depth(long pending, long failed) {
	}

}
