package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Which requests count as changes from another site, on a service whose public address is
 * {@code https://desk.example.com/} and which this request reached as
 * {@code http://desk-1.internal:8080}.
 */
class CrossSiteChangesTests {

	private final CrossSiteChanges crossSite = new CrossSiteChanges(URI.create("https://desk.example.com/"));

	@Test
	void theServicesOwnOriginIsAcceptedWithOrWithoutItsDefaultPortAndInAnyCase() {
		assertThat(this.crossSite.matches(post("Origin", "https://desk.example.com"))).isFalse();
		assertThat(this.crossSite.matches(post("Origin", "https://desk.example.com:443"))).isFalse();
		assertThat(this.crossSite.matches(post("Origin", "HTTPS://Desk.Example.COM"))).isFalse();
	}

	@Test
	void theOriginTheRequestReachedTheServerUnderIsAccepted() {
		assertThat(this.crossSite.matches(post("Origin", "http://desk-1.internal:8080"))).isFalse();
	}

	@Test
	void anotherSchemeHostOrPortIsAnotherSite() {
		assertThat(this.crossSite.refusal(post("Origin", "http://desk.example.com")))
			.contains("'http://desk.example.com' (Origin header)")
			.contains("not from https://desk.example.com");
		assertThat(this.crossSite.matches(post("Origin", "https://desk.example.com:8443"))).isTrue();
		assertThat(this.crossSite.matches(post("Origin", "https://evil.example"))).isTrue();
		assertThat(this.crossSite.matches(post("Origin", "https://desk.example.com.evil.example"))).isTrue();
		assertThat(this.crossSite.matches(post("Origin", "http://desk-1.internal"))).isTrue();
	}

	@Test
	void anOpaqueOrMalformedOriginIsForeign() {
		assertThat(this.crossSite.matches(post("Origin", "null"))).isTrue();
		assertThat(this.crossSite.matches(post("Origin", ""))).isTrue();
		assertThat(this.crossSite.matches(post("Origin", "https://desk.example.com/ x"))).isTrue();
	}

	@Test
	void theBrowsersWordOnAnotherSiteIsTakenWhateverTheOrigin() {
		assertThat(this.crossSite.refusal(post("Sec-Fetch-Site", "same-site"))).contains("Sec-Fetch-Site: same-site");
		assertThat(this.crossSite.matches(post("Sec-Fetch-Site", "Cross-Site"))).isTrue();
		MockHttpServletRequest both = post("Origin", "https://desk.example.com");
		both.addHeader("Sec-Fetch-Site", "same-site");
		assertThat(this.crossSite.matches(both)).isTrue();
	}

	@Test
	void requestsFromTheServicesOwnPagesAndFromClientsOutsideABrowserPass() {
		assertThat(this.crossSite.matches(post("Sec-Fetch-Site", "same-origin"))).isFalse();
		assertThat(this.crossSite.matches(post("Sec-Fetch-Site", "none"))).isFalse();
		assertThat(this.crossSite.matches(request("POST"))).isFalse();
	}

	@Test
	void readingIsNeverAChange() {
		for (String method : new String[] { "GET", "HEAD", "OPTIONS", "TRACE" }) {
			MockHttpServletRequest read = request(method);
			read.addHeader("Origin", "https://evil.example");
			read.addHeader("Sec-Fetch-Site", "cross-site");
			assertThat(this.crossSite.matches(read)).as(method).isFalse();
		}
		for (String method : new String[] { "PUT", "PATCH", "DELETE" }) {
			MockHttpServletRequest change = request(method);
			change.addHeader("Origin", "https://evil.example");
			assertThat(this.crossSite.matches(change)).as(method).isTrue();
		}
	}

	@Test
	void theServersOwnForwardToARefusalPageIsNotJudgedAgain() {
		MockHttpServletRequest forward = post("Origin", "https://evil.example");
		forward.setDispatcherType(DispatcherType.FORWARD);
		MockHttpServletRequest error = post("Origin", "https://evil.example");
		error.setDispatcherType(DispatcherType.ERROR);

		assertThat(this.crossSite.matches(forward)).isFalse();
		assertThat(this.crossSite.matches(error)).isFalse();
	}

	private static MockHttpServletRequest post(String header, String value) {
		MockHttpServletRequest request = request("POST");
		request.addHeader(header, value);
		return request;
	}

	private static MockHttpServletRequest request(String method) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/incidents");
		request.setScheme("http");
		request.setServerName("desk-1.internal");
		request.setServerPort(8080);
		return request;
	}

}
