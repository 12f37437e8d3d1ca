package org.incidentdesk.models.internal;

import java.util.List;

import org.camunda.bpm.engine.Problem;

/**
 * One thing wrong in a deployed resource, in the shape Camunda's REST API reports parse
 * problems to Modeler: the message, the line and column where the parser knows them (0
 * otherwise), and the ids of the elements concerned.
 */
public record ModelProblem(String resource, String message, int line, int column, String mainElementId,
		List<String> elementIds) implements Problem {

	public ModelProblem {
		elementIds = (elementIds != null) ? List.copyOf(elementIds) : List.of();
	}

	public static ModelProblem at(String resource, String message, int line, int column) {
		return new ModelProblem(resource, message, line, column, null, List.of());
	}

	public static ModelProblem of(String resource, String message, String elementId) {
		return new ModelProblem(resource, message, 0, 0, elementId,
				(elementId != null) ? List.of(elementId) : List.of());
	}

	@Override
	public String getMessage() {
		return this.message;
	}

	@Override
	public int getLine() {
		return this.line;
	}

	@Override
	public int getColumn() {
		return this.column;
	}

	@Override
	public String getMainElementId() {
		return this.mainElementId;
	}

	@Override
	public List<String> getElementIds() {
		return this.elementIds;
	}

}
