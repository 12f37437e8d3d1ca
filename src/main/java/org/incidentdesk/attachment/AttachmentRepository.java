package org.incidentdesk.attachment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The attachments table; content is read only for a download. */
@Repository
class AttachmentRepository {

	private static final String COLUMNS = "id, file_name, content_type, size_bytes, sha256, uploaded_by, created_at";

	private static final RowMapper<Attachment> ATTACHMENT = (rs, row) -> new Attachment(rs.getLong("id"),
			rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
			rs.getString("uploaded_by"), rs.getObject("created_at", OffsetDateTime.class));

	private final JdbcClient jdbc;

	AttachmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long incidentId, String fileName, String contentType, byte[] content, String sha256, String uploadedBy,
			OffsetDateTime now) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into incident_attachment
				    (incident_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, created_at)
				values (:incident, :name, :type, :size, :sha, :content, :by, :now)""")
			.param("incident", incidentId)
			.param("name", fileName)
			.param("type", contentType)
			.param("size", (long) content.length)
			.param("sha", sha256)
			.param("content", content)
			.param("by", uploadedBy)
			.param("now", now)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	List<Attachment> list(long incidentId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from incident_attachment where incident_id = :incident order by id")
			.param("incident", incidentId)
			.query(ATTACHMENT)
			.list();
	}

	Optional<AttachmentFile> file(long incidentId, long id) {
		return this.jdbc
			.sql("select " + COLUMNS + ", content from incident_attachment where incident_id = :incident and id = :id")
			.param("incident", incidentId)
			.param("id", id)
			.query((rs, row) -> new AttachmentFile(ATTACHMENT.mapRow(rs, row), rs.getBytes("content")))
			.optional();
	}

}
