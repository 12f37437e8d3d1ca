package org.incidentdesk.incident.process;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.Suggestion;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.knowledge.Audience;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.springframework.stereotype.Component;

/**
 * Finds knowledge articles and known errors that match the incident and attaches them, so
 * the service desk sees them in triage.
 */
@Component
class LookUpKnowledgeDelegate implements JavaDelegate {

	static final int SUGGESTIONS = 5;

	private final KnowledgeBase knowledge;

	private final IncidentRecords records;

	LookUpKnowledgeDelegate(KnowledgeBase knowledge, IncidentRecords records) {
		this.knowledge = knowledge;
		this.records = records;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Incident incident = this.records.get(execution.getProcessBusinessKey());
		String text = incident.summary() + ((incident.description() != null) ? "\n" + incident.description() : "");
		List<Suggestion> suggestions = this.knowledge.suggest(incident.tenantId(), text, Audience.STAFF, SUGGESTIONS)
			.stream()
			.map(found -> new Suggestion(found.articleId(), found.articleNumber(), found.title(), found.kind(),
					found.score()))
			.toList();
		this.records.attachSuggestions(incident.number(), suggestions);
		execution.setVariable(Var.KNOWLEDGE_SUGGESTIONS, suggestions.isEmpty() ? "No matching articles." : suggestions
			.stream()
			.map(s -> s.articleNumber() + "  " + s.title() + ("KNOWN_ERROR".equals(s.kind()) ? "  (known error)" : ""))
			.collect(Collectors.joining("\n")));
		execution.setVariable(Var.KNOWLEDGE_LINKS, TaskTexts.knowledgeLinks(suggestions));
	}

}
