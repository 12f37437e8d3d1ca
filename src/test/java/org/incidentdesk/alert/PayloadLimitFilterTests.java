package org.incidentdesk.alert;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadLimitFilterTests {

	private final PayloadLimitFilter filter = new PayloadLimitFilter(new ObjectMapper());

	@Test
	void refusesADeclaredLengthOverTheLimitBeforeReadingIt() throws Exception {
		// Given
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/alerts");
		request.setContent(new byte[PayloadLimitFilter.MAX_BYTES + 1]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		// When
		this.filter.doFilter(request, response, chain);

		// Then
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("max_alerts");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void refusesAChunkedBodyOverTheLimit() throws Exception {
		// Given a body without a declared length
		MockHttpServletRequest request = chunked(new byte[PayloadLimitFilter.MAX_BYTES + 1]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		// When
		this.filter.doFilter(request, response, chain);

		// Then
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void passesAChunkedBodyWithinTheLimitOnWhole() throws Exception {
		// Given
		byte[] body = "{\"alerts\": []}".getBytes(StandardCharsets.UTF_8);
		MockFilterChain chain = new MockFilterChain();

		// When
		this.filter.doFilter(chunked(body), new MockHttpServletResponse(), chain);

		// Then
		assertThat(chain.getRequest()).isNotNull();
		assertThat(chain.getRequest().getInputStream().readAllBytes()).isEqualTo(body);
		assertThat(chain.getRequest().getContentLength()).isEqualTo(body.length);
	}

	private static MockHttpServletRequest chunked(byte[] body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/alerts") {

			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}

		};
		request.setContent(body);
		return request;
	}

}
