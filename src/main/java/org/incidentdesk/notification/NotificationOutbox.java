package org.incidentdesk.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery side of the {@code notification} table. Statements run in the caller's
 * transaction if there is one, else each on its own.
 */
@Repository
class NotificationOutbox {

	static final int MAX_ERROR_LENGTH = 1000;

	private final JdbcClient jdbc;

	NotificationOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Pending notifications that are due, oldest first; they still have to be claimed.
	 */
	List<Long> due(OffsetDateTime now, int limit) {
		return this.jdbc.sql("""
				select id from notification
				where status = 'PENDING' and (next_attempt_at is null or next_attempt_at <= :now)
				order by id fetch first :limit rows only""")
			.param("now", now)
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/**
	 * Claims a due notification by moving it out of reach until the lease ends. The
	 * condition is checked under the row lock, so of several nodes exactly one gets
	 * {@code true}.
	 */
	boolean claim(long id, OffsetDateTime now, OffsetDateTime leaseUntil) {
		return this.jdbc.sql("""
				update notification set next_attempt_at = :lease
				where id = :id and status = 'PENDING' and (next_attempt_at is null or next_attempt_at <= :now)""")
			.param("lease", leaseUntil)
			.param("id", id)
			.param("now", now)
			.update() == 1;
	}

	Optional<OutboxEntry> find(long id) {
		return this.jdbc.sql("""
				select n.id, n.incident_id, i.number, n.kind, n.recipient_type, n.recipient, n.attempts, n.message
				from notification n join incident i on i.id = n.incident_id where n.id = :id""")
			.param("id", id)
			.query((rs, row) -> new OutboxEntry(rs.getLong(1), rs.getLong(2), rs.getString(3),
					NotificationKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getInt(7),
					rs.getString(8)))
			.optional();
	}

	/** Queues a copy of a group notification for one member of the group. */
	void queueForMember(long groupNotificationId, String userId, OffsetDateTime now) {
		this.jdbc.sql("""
				insert into notification (incident_id, kind, recipient_type, recipient, subject, message, status,
				                          created_at)
				select incident_id, kind, 'USER', :user, subject, message, 'PENDING', :now
				from notification where id = :id""")
			.param("user", userId)
			.param("now", now)
			.param("id", groupNotificationId)
			.update();
	}

	void markSent(long id, OffsetDateTime now, String note) {
		this.jdbc.sql("""
				update notification set status = 'SENT', sent_at = :now, attempts = attempts + 1,
				next_attempt_at = null, last_error = null, delivery_note = :note where id = :id""")
			.param("now", now)
			.param("note", note)
			.param("id", id)
			.update();
	}

	void markForRetry(long id, int attempts, String error, OffsetDateTime nextAttemptAt) {
		this.jdbc.sql("""
				update notification set attempts = :attempts, last_error = :error, next_attempt_at = :next
				where id = :id""")
			.param("attempts", attempts)
			.param("error", truncate(error))
			.param("next", nextAttemptAt)
			.param("id", id)
			.update();
	}

	void markFailed(long id, int attempts, String error) {
		this.jdbc.sql("""
				update notification set status = 'FAILED', attempts = :attempts, last_error = :error,
				next_attempt_at = null where id = :id""")
			.param("attempts", attempts)
			.param("error", truncate(error))
			.param("id", id)
			.update();
	}

	List<FailedNotification> failed() {
		return this.jdbc.sql("""
				select n.id, i.number, n.kind, n.recipient_type, n.recipient, n.subject, n.attempts, n.last_error,
				       n.created_at
				from notification n join incident i on i.id = n.incident_id
				where n.status = 'FAILED' order by n.id""")
			.query((rs, row) -> new FailedNotification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8),
					rs.getObject(9, OffsetDateTime.class)))
			.list();
	}

	/**
	 * Puts a failed notification back in the queue with a fresh set of attempts; the last
	 * error stays until the next attempt.
	 * @return whether there was such a failed notification
	 */
	boolean retry(long id) {
		return this.jdbc.sql("""
				update notification set status = 'PENDING', attempts = 0, next_attempt_at = null
				where id = :id and status = 'FAILED'""").param("id", id).update() == 1;
	}

	private static String truncate(String error) {
		String text = (error != null) ? error : "unknown error";
		return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) : text;
	}

}
