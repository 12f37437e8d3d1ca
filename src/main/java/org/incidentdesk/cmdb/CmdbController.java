package org.incidentdesk.cmdb;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.incidentdesk.system.StrictDecoding;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CMDB over HTTP. Callers read their own organisation's items; provider staff read
 * the tenants they serve and change them; auditors and administrators read every tenant,
 * and administrators change every tenant. A tenant the user may not see is answered as if
 * it did not exist.
 */
@RestController
@RequestMapping("/api/v1/cmdb/items")
@Tag(name = "CMDB", description = "Read and maintain the configuration items of customer organisations")
class CmdbController {

	/**
	 * The largest CSV file the import takes; a CMDB larger than this is imported in
	 * parts.
	 */
	static final int MAX_IMPORT_BYTES = 1024 * 1024;

	private static final String TEXT_CSV = "text/csv";

	private final Cmdb cmdb;

	private final CmdbImport imports;

	CmdbController(Cmdb cmdb, CmdbImport imports) {
		this.cmdb = cmdb;
		this.imports = imports;
	}

	@GetMapping
	@Operation(summary = "List one tenant's configuration items by name",
			description = "Callers may leave out tenantId when they belong to one organisation; staff name a tenant "
					+ "they serve. Filter by type and by text the name contains, ignoring case.")
	List<ItemResponse> list(@RequestParam(required = false) String tenantId,
			@RequestParam(required = false) CiType type,
			@RequestParam(name = "q", required = false) String nameContains,
			@AuthenticationPrincipal CurrentUser user) {
		String tenant = readableTenant(user, tenantId);
		return this.cmdb.listFiltered(tenant, type, nameContains)
			.stream()
			.map((item) -> ItemResponse.of(item, null))
			.toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a configuration item with the ids of its children")
	ItemResponse get(@PathVariable long id, @AuthenticationPrincipal CurrentUser user) {
		ConfigurationItem item = visible(id, user);
		return ItemResponse.of(item, this.cmdb.childrenOf(item.tenantId(), id));
	}

	@PostMapping
	@Operation(summary = "Register a configuration item (provider staff only)",
			description = "Name the parent by parentId or by parentName, not both.")
	ResponseEntity<ItemResponse> create(@Valid @RequestBody CreateItem request,
			@AuthenticationPrincipal CurrentUser user) {
		String tenant = writableTenant(user, request.tenantId());
		Long parentId = parentId(tenant, request.parentId(), request.parentName());
		ConfigurationItem item = this.cmdb.create(new NewConfigurationItem(tenant, request.name().trim(),
				request.type(), blankToNull(request.location()), request.remotelyServiceable(), parentId));
		return ResponseEntity.created(URI.create("/api/v1/cmdb/items/" + item.id()))
			.body(ItemResponse.of(item, List.of()));
	}

	@PutMapping("/{id}")
	@Operation(
			summary = "Change a configuration item's type, location, remote serviceability and parent "
					+ "(provider staff only)",
			description = "The name stays. Leaving out location or parent clears it.")
	ItemResponse update(@PathVariable long id, @Valid @RequestBody UpdateItem request,
			@AuthenticationPrincipal CurrentUser user) {
		ConfigurationItem item = visible(id, user);
		String tenant = writableTenant(user, item.tenantId());
		Long parentId = parentId(tenant, request.parentId(), request.parentName());
		ConfigurationItem updated = this.cmdb.update(tenant, id, new ConfigurationItemChange(request.type(),
				blankToNull(request.location()), request.remotelyServiceable(), parentId));
		return ItemResponse.of(updated, this.cmdb.childrenOf(tenant, id));
	}

	@PostMapping(path = "/import", consumes = TEXT_CSV)
	@Operation(summary = "Import configuration items from CSV, all or nothing (provider staff only)",
			description = "Header: " + CmdbImport.HEADER + ". Items the tenant has are updated, the others "
					+ "created; parent is the name of another item in the file or in the CMDB. When a line is bad, "
					+ "nothing is written and the problem lists every bad line. At most 1 MB.")
	ImportResult importCsv(@RequestParam String tenantId, HttpServletRequest request, InputStream body,
			@AuthenticationPrincipal CurrentUser user) throws IOException {
		String tenant = writableTenant(user, tenantId);
		if (request.getContentLengthLong() > MAX_IMPORT_BYTES) {
			throw tooLarge();
		}
		return this.imports.importCsv(tenant, decode(body.readNBytes(MAX_IMPORT_BYTES + 1), charsetOf(request)));
	}

	private ConfigurationItem visible(long id, CurrentUser user) {
		return this.cmdb.find(id)
			.filter((item) -> mayRead(user, item.tenantId()))
			.orElseThrow(() -> new UnknownConfigurationItemException(id));
	}

	private Long parentId(String tenant, Long parentId, String parentName) {
		if (parentId != null && parentName != null && !parentName.isBlank()) {
			throw new InvalidConfigurationItemException("give parentId or parentName, not both");
		}
		if (parentName == null || parentName.isBlank()) {
			return parentId;
		}
		return this.cmdb.findByName(tenant, parentName.trim())
			.map(ConfigurationItem::id)
			.orElseThrow(() -> new InvalidConfigurationItemException(
					"parentName '" + parentName.trim() + "' is not a configuration item of tenant " + tenant));
	}

	/**
	 * The tenant to read: the one asked for, or for a caller of one organisation, theirs.
	 */
	private static String readableTenant(CurrentUser user, String tenantId) {
		if (tenantId == null || tenantId.isBlank()) {
			if (user.isCaller() && user.tenants().size() == 1) {
				return user.tenants().get(0);
			}
			throw new InvalidConfigurationItemException("tenantId is required: name the customer organisation");
		}
		if (!mayRead(user, tenantId)) {
			throw unknownTenant(tenantId);
		}
		return tenantId;
	}

	private static boolean mayRead(CurrentUser user, String tenantId) {
		return AccessPolicy.seesTenant(user, tenantId);
	}

	/**
	 * The tenant to change, after checking that the user changes the CMDB at all and that
	 * one.
	 */
	private static String writableTenant(CurrentUser user, String tenantId) {
		if (!AccessPolicy.keepsCmdb(user)) {
			throw RefusedRequestException.notAllowed("Not allowed to change the CMDB",
					"Only provider staff change the CMDB. Ask the service desk to register or change the item.");
		}
		if (!AccessPolicy.actsForTenant(user, tenantId)) {
			throw unknownTenant(tenantId);
		}
		return tenantId;
	}

	private static RefusedRequestException unknownTenant(String tenantId) {
		return RefusedRequestException.notFound("No such tenant for you",
				"There is no customer organisation '" + tenantId + "' whose CMDB you can see. Check tenantId.");
	}

	private static RefusedRequestException tooLarge() {
		return RefusedRequestException.tooLarge("Import too large",
				"The file is larger than 1 MB. Split it and import the parts, parents first or together with "
						+ "their children.");
	}

	private static Charset charsetOf(HttpServletRequest request) {
		String name = request.getCharacterEncoding();
		if (name == null) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(name);
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedImportException(List.of("line 1: the character set '" + name + "' is not known"));
		}
	}

	/**
	 * Decodes strictly, so that a file in another encoding is refused rather than
	 * garbled.
	 */
	private static String decode(byte[] bytes, Charset charset) {
		if (bytes.length > MAX_IMPORT_BYTES) {
			throw tooLarge();
		}
		return StrictDecoding.decode(bytes, charset)
			.orElseThrow(() -> new RejectedImportException(List.of("line 1: the file is not valid " + charset.name()
					+ "; save it as UTF-8 or name its charset in the Content-Type")));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.trim();
	}

	/** A new configuration item. */
	record CreateItem(@NotBlank @Size(max = 64) String tenantId, @NotBlank @Size(max = 200) String name,
			@NotNull CiType type, @Size(max = 200) String location, @NotNull Boolean remotelyServiceable, Long parentId,
			@Size(max = 200) String parentName) {
	}

	/** The new state of a configuration item; what is left out is cleared. */
	record UpdateItem(@NotNull CiType type, @Size(max = 200) String location, @NotNull Boolean remotelyServiceable,
			Long parentId, @Size(max = 200) String parentName) {
	}

	/**
	 * A configuration item; {@code children} only when one item is read.
	 */
	record ItemResponse(long id, String tenantId, String name, CiType type, String location,
			boolean remotelyServiceable, Long parentId, @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> children,
			OffsetDateTime createdAt, OffsetDateTime updatedAt) {

		static ItemResponse of(ConfigurationItem item, List<Long> children) {
			return new ItemResponse(item.id(), item.tenantId(), item.name(), item.type(), item.location(),
					item.remotelyServiceable(), item.parentId(), children, item.createdAt(), item.updatedAt());
		}

	}

}
