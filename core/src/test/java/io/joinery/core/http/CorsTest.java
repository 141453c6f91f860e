package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorsTest {

    @Test
    void star_allowsEveryOrigin() {
        assertThat(Cors.parse("*").allowOrigin("https://a.example")).isEqualTo("https://a.example");
        assertThat(Cors.parse(null).allowOrigin(null)).isEqualTo("*");
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
