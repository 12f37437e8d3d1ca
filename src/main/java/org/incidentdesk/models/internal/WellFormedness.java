package org.incidentdesk.models.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Whether a BPMN or DMN file is well-formed XML, and a form well-formed JSON, with the
 * parser's line and column when it is not. The engine's own parsers answer a broken file
 * with a message that names neither ("ENGINE-22004 Unable to transform DMN resource").
 */
public final class WellFormedness {

	private static final SAXParserFactory XML = xmlParsers();

	private static final ObjectMapper JSON = new ObjectMapper();

	private WellFormedness() {
	}

	public static Optional<ModelProblem> ofXml(String resource, byte[] bytes) {
		try {
			XML.newSAXParser().parse(new ByteArrayInputStream(bytes), new DefaultHandler());
			return Optional.empty();
		}
		catch (SAXParseException ex) {
			return Optional
				.of(ModelProblem.at(resource,
						"'" + resource + "' is not well-formed XML: line " + ex.getLineNumber() + ", column "
								+ ex.getColumnNumber() + ": " + ex.getMessage(),
						ex.getLineNumber(), ex.getColumnNumber()));
		}
		catch (SAXException | IOException | ParserConfigurationException ex) {
			return Optional
				.of(ModelProblem.at(resource, "'" + resource + "' is not well-formed XML: " + ex.getMessage(), 0, 0));
		}
	}

	/** The form's JSON, or the problem that it is not JSON with an {@code id}. */
	public static JsonNode formJson(String resource, byte[] bytes, java.util.List<ModelProblem> problems) {
		try {
			JsonNode form = JSON.readTree(bytes);
			if (form == null || !form.path("id").isTextual() || form.path("id").asText().isBlank()) {
				problems.add(ModelProblem.at(resource,
						"'" + resource
								+ "' is not a Camunda Form: it has no \"id\", which user tasks use to refer to it.",
						0, 0));
				return null;
			}
			return form;
		}
		catch (JsonProcessingException ex) {
			JsonLocation where = ex.getLocation();
			int line = (where != null) ? where.getLineNr() : 0;
			int column = (where != null) ? where.getColumnNr() : 0;
			problems.add(ModelProblem.at(resource, "'" + resource + "' is not well-formed JSON: line " + line
					+ ", column " + column + ": " + ex.getOriginalMessage(), line, column));
			return null;
		}
		catch (IOException ex) {
			problems.add(ModelProblem.at(resource, "'" + resource + "' cannot be read: " + ex.getMessage(), 0, 0));
			return null;
		}
	}

	private static SAXParserFactory xmlParsers() {
		SAXParserFactory factory = SAXParserFactory.newInstance();
		factory.setNamespaceAware(true);
		try {
			// No DOCTYPE, so no external entities and no entity expansion.
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		}
		catch (ParserConfigurationException | SAXException ex) {
			throw new IllegalStateException("The XML parser cannot be made safe", ex);
		}
		return factory;
	}

}
