package org.incidentdesk.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Camunda Forms put no process variable into a {@code text} component. Tasklist's
 * form-js inserts a template's values ({@code {{summary}}}) into the component's markdown
 * unescaped, and its sanitizer keeps elements such as {@code <img>} and {@code <span>},
 * so a caller's input would become markup (see {@link TasklistEscapingTests}). Variables
 * belong in read-only fields, or in an {@code html} component, which escapes them.
 */
class FormTextComponentsTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void noTextComponentOfAnyFormShowsAVariable() throws IOException {
		// Given every form the application deploys
		Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form");
		assertThat(forms).isNotEmpty();

		// When their text components are read
		List<String> templated = new ArrayList<>();
		for (Resource form : forms) {
			try (InputStream in = form.getInputStream()) {
				collectTemplatedTexts(form.getFilename(), JSON.readTree(in), templated);
			}
		}

		// Then none of them is a template or an expression
		assertThat(templated).isEmpty();
	}

	/** Walks groups and dynamic lists too: their components nest. */
	private static void collectTemplatedTexts(String form, JsonNode node, List<String> templated) {
		for (JsonNode component : node.path("components")) {
			String text = component.path("text").asText("");
			if ("text".equals(component.path("type").asText()) && (text.contains("{{") || text.startsWith("="))) {
				templated.add(form + ": " + component.path("id").asText() + " " + text);
			}
			collectTemplatedTexts(form, component, templated);
		}
	}

}
