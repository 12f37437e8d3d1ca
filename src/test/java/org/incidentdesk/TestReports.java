package org.incidentdesk;

import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;

/**
 * What a test's incident report looks like, in one place: an Acme caller's (alice's)
 * report through the portal of a mail problem, with low impact and urgency, unless the
 * test says otherwise, e.g.
 * {@code incidents.report(TestReports.report("Printer jams").by("globex", "citra").build())}.
 */
public final class TestReports {

	private String tenant = "acme";

	private String caller = "alice";

	private Channel channel = Channel.PORTAL;

	private final String summary;

	private String description = "Reported by a test.";

	private String category = "email";

	private String ciName;

	private Level impact = Level.LOW;

	private Level urgency = Level.LOW;

	private TestReports(String summary) {
		this.summary = summary;
	}

	public static TestReports report(String summary) {
		return new TestReports(summary);
	}

	/** The caller and their organisation. */
	public TestReports by(String tenant, String caller) {
		this.tenant = tenant;
		this.caller = caller;
		return this;
	}

	public TestReports via(Channel channel) {
		this.channel = channel;
		return this;
	}

	public TestReports description(String description) {
		this.description = description;
		return this;
	}

	public TestReports category(String category) {
		this.category = category;
		return this;
	}

	public TestReports ci(String ciName) {
		this.ciName = ciName;
		return this;
	}

	public TestReports levels(Level impact, Level urgency) {
		this.impact = impact;
		this.urgency = urgency;
		return this;
	}

	public ReportIncident build() {
		return new ReportIncident(this.tenant, this.caller, null, this.channel, this.summary, this.description,
				this.category, this.ciName, this.impact, this.urgency);
	}

}
