package org.incidentdesk.attachment;

import java.util.List;

import org.apache.commons.codec.digest.DigestUtils;
import org.incidentdesk.attachment.RejectedAttachmentException.Reason;
import org.incidentdesk.attachment.internal.FileTypes;
import org.incidentdesk.attachment.internal.SafeFileName;
import org.incidentdesk.incident.IllegalIncidentStateException;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentAccess;
import org.incidentdesk.incident.IncidentTimeline;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineClock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Files attached to incidents. Whoever may see an incident may attach files to it and
 * download them; nobody else learns that they exist. The type is detected from the
 * content and must be on the allow-list; the content is kept in the database, so every
 * node serves it and no user-chosen name ever becomes a path.
 */
@Service
@Transactional
public class Attachments {

	private final AttachmentRepository repository;

	private final IncidentAccess access;

	private final IncidentTimeline timeline;

	private final AttachmentSettings settings;

	private final EngineClock clock;

	Attachments(AttachmentRepository repository, IncidentAccess access, IncidentTimeline timeline,
			AttachmentSettings settings, EngineClock clock) {
		this.repository = repository;
		this.access = access;
		this.timeline = timeline;
		this.settings = settings;
		this.clock = clock;
	}

	public AttachmentSettings settings() {
		return this.settings;
	}

	/** The usual extension of each allowed type, to tell people what they may attach. */
	public List<String> allowedExtensions() {
		return this.settings.allowedTypes()
			.stream()
			.flatMap(type -> FileTypes.extensionsOf(type).stream().limit(1))
			.distinct()
			.toList();
	}

	/**
	 * Attaches a file and records it on the incident's customer-visible timeline.
	 * @throws RejectedAttachmentException if the file is empty, too large or of a type
	 * not allowed
	 */
	public Attachment add(String number, CurrentUser user, String uploadedName, byte[] content) {
		Incident incident = this.access.visible(number, user);
		if (!incident.state().isOpen() && incident.state() != IncidentState.RESOLVED) {
			throw new IllegalIncidentStateException("Incident " + number + " is "
					+ incident.state().name().toLowerCase() + "; it takes no more attachments.");
		}
		if (content == null || content.length == 0) {
			throw new RejectedAttachmentException(Reason.EMPTY, "The file is empty.");
		}
		if (content.length > this.settings.maxSize().toBytes()) {
			throw new RejectedAttachmentException(Reason.TOO_LARGE, "The file has " + content.length
					+ " bytes; at most " + this.settings.maxSize().toBytes() + " are allowed.");
		}
		String type = FileTypes.detect(content, uploadedName);
		if (!this.settings.allowedTypes().contains(type)) {
			throw new RejectedAttachmentException(Reason.TYPE_NOT_ALLOWED, "Files of type " + type
					+ " cannot be attached. Allowed: " + String.join(", ", this.settings.allowedTypes()) + ".");
		}
		String fileName = SafeFileName.of(uploadedName, type);
		long id = this.repository.insert(incident.id(), fileName, type, content, DigestUtils.sha256Hex(content),
				user.id(), this.clock.nowUtc());
		this.timeline.recordAttachment(number,
				"Attachment added: " + fileName + " (" + describeSize(content.length) + ").");
		return this.repository.list(incident.id())
			.stream()
			.filter(attachment -> attachment.id() == id)
			.findFirst()
			.orElseThrow();
	}

	@Transactional(readOnly = true)
	public List<Attachment> list(String number, CurrentUser user) {
		return this.repository.list(this.access.visible(number, user).id());
	}

	/**
	 * The attachment with its content, if it belongs to an incident the user may see.
	 */
	@Transactional(readOnly = true)
	public AttachmentFile file(String number, long id, CurrentUser user) {
		return this.repository.file(this.access.visible(number, user).id(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Incident " + number + " has no attachment " + id + "."));
	}

	static String describeSize(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return (bytes + 1023) / 1024 + " KB";
		}
		return "%.1f MB".formatted(bytes / (1024.0 * 1024.0));
	}

}
