package org.incidentdesk.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the API documentation (Swagger UI at {@code /api/v1/docs}, OpenAPI at
 * {@code /api/v1/openapi}) says about the API as a whole: its name and the version of the
 * build, that every operation signs in with HTTP Basic (Swagger UI's Authorize button),
 * and the order of its sections, the incidents first.
 */
@Configuration
class ApiDocumentation {

	static final String TITLE = "Incident Desk API";

	static final String BASIC_AUTH = "basicAuth";

	/** The per-tenant API tokens of machine clients (the alert webhook). */
	static final String API_TOKEN = "apiToken";

	/**
	 * The sections in the order a reader needs them: what callers and agents use every
	 * day before what administrators and auditors use now and then. A tag of a new
	 * controller that is not listed here comes after these.
	 */
	static final List<String> TAG_ORDER = List.of("Incidents", "Knowledge", "CMDB", "Monitoring alerts", "Reports",
			"Audit", "Business calendars", "SLA settings", "SLA re-timing", "Notifications", "API tokens",
			"Administration");

	@Bean
	OpenAPI incidentDeskOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		// Without build-info (a run from an IDE that skipped Maven's build-info goal)
		// there is no build version to tell.
		String version = (properties != null) ? properties.getVersion() : "development";
		return new OpenAPI()
			.info(new Info().title(TITLE)
				.version(version)
				.description("ITIL incident management for the provider's customer organisations. Sign in with "
						+ "HTTP Basic (Authorize) as a user of the desk; callers see their own incidents, staff "
						+ "those of the tenants they serve. Errors are RFC 9457 problem details."))
			.components(new Components()
				.addSecuritySchemes(BASIC_AUTH,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("A user of the desk (Camunda's identity service), as in the portal."))
				.addSecuritySchemes(API_TOKEN,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("A tenant's API token (idk_...), issued by an administrator.")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH))
			.tags(TAG_ORDER.stream().map(name -> new Tag().name(name)).toList());
	}

	/**
	 * Springdoc adds the tags of the controllers (with their descriptions) to those
	 * declared above in an order of its own; this puts them back in {@link #TAG_ORDER},
	 * once the document is complete.
	 */
	@Bean
	OpenApiCustomizer tagsInReadingOrder() {
		return openApi -> {
			if (openApi.getTags() == null) {
				return;
			}
			Map<String, Tag> byName = new LinkedHashMap<>();
			openApi.getTags()
				.forEach(tag -> byName.merge(tag.getName(), tag,
						(first, second) -> (first.getDescription() != null) ? first : second));
			List<Tag> ordered = new ArrayList<>();
			TAG_ORDER.stream().map(byName::remove).filter(Objects::nonNull).forEach(ordered::add);
			ordered.addAll(byName.values());
			openApi.setTags(ordered);
		};
	}

}
