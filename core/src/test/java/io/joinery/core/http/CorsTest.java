package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class CorsTest {

    @Test
    void star_allowsEveryOrigin_asAStar() {
        // SPEC §9.2 (issue 13): `*` is answered as `*`, no longer by echoing the origin
        assertThat(Cors.parse("*").allowOrigin("https://a.example")).isEqualTo("*");
        assertThat(Cors.parse(null).allowOrigin(null)).isEqualTo("*");
    }

    @Test
    void star_neverAllowsCredentials_andAllowsAFixedHeaderList() {
        HttpHeaders response = apply(Cors.parse("*"), "https://evil.example", "x-custom,cookie");

        assertThat(response.get("access-control-allow-origin")).isEqualTo("*");
        assertThat(response.contains("access-control-allow-credentials")).isFalse();
        assertThat(response.get("access-control-allow-headers")).isEqualTo("content-type,authorization,"
                + "x-hasura-admin-secret,x-hasura-role,x-hasura-user-id,x-hasura-access-key,x-request-id,traceparent");
        assertThat(response.contains("vary")).isFalse();
    }

    @Test
    void explicitList_allowsCredentials_forAMatchedOriginOnly() {
        Cors cors = Cors.parse("https://app.example.com");

        HttpHeaders allowed = apply(cors, "https://app.example.com", null);
        assertThat(allowed.get("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(allowed.get("access-control-allow-credentials")).isEqualTo("true");
        assertThat(allowed.get("vary")).isEqualTo("Origin");
        assertThat(apply(cors, "https://other.example.com", null).isEmpty()).isTrue();
    }

    @Test
    void extraAllowedHeaders_extendTheList() {
        HttpHeaders response = apply(Cors.parse("*", "X-Custom, Content-Type"), "https://a.example", null);

        assertThat(response.get("access-control-allow-headers")).endsWith(",traceparent,x-custom");
    }

    @Test
    void wildcard_matchesExactlyOneLabel() {
        Cors cors = Cors.parse("https://*.foo.bar.com, http://*.localhost:3000");

        assertThat(cors.allowOrigin("https://a.foo.bar.com")).isEqualTo("https://a.foo.bar.com");
        assertThat(cors.allowOrigin("HTTPS://A.FOO.BAR.COM")).isEqualTo("HTTPS://A.FOO.BAR.COM");
        assertThat(cors.allowOrigin("https://a.b.foo.bar.com")).isNull();
        assertThat(cors.allowOrigin("https://.foo.bar.com")).isNull();
        assertThat(cors.allowOrigin("https://foo.bar.com")).isNull();
        assertThat(cors.allowOrigin("http://a.foo.bar.com")).isNull();
        assertThat(cors.allowOrigin("https://evil.com/.foo.bar.com")).isNull();
        assertThat(cors.allowOrigin("http://app.localhost:3000")).isEqualTo("http://app.localhost:3000");
        assertThat(cors.allowOrigin("http://app.localhost:3001")).isNull();
        assertThat(cors.allowOrigin("http://evil.com:80.localhost:3000")).isNull();
    }

    private static HttpHeaders apply(Cors cors, String origin, String requestedHeaders) {
        HttpHeaders request = new DefaultHttpHeaders();
        request.set("Origin", origin);
        if (requestedHeaders != null) {
            request.set("Access-Control-Request-Headers", requestedHeaders);
        }
        HttpHeaders response = new DefaultHttpHeaders();
        cors.apply(request, response);
        return response;
    }

    @Test
    void list_withWildcardSubdomain() {
        Cors cors = Cors.parse("https://app.example.com, https://*.example.org");
        assertThat(cors.allowOrigin("https://app.example.com")).isEqualTo("https://app.example.com");
        assertThat(cors.allowOrigin("https://x.example.org")).isEqualTo("https://x.example.org");
        assertThat(cors.allowOrigin("https://evil.example.net")).isNull();
        assertThat(cors.allowOrigin(null)).isNull();
    }
}
