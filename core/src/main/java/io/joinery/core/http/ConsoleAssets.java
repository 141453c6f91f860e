package io.joinery.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's files, read from the jar once at start (never on an event loop) and kept as ready
 * answers by request path. The list is explicit: what is not in it is not served.
 *
 * <pre>
 * /console                                   index.html: the page, with a Content-Security-Policy that
 *                                            only lets it load from and talk to this server
 * /console/assets/console.js                 ours: GraphiQL wired to /v1/graphql
 * /console/assets/vendor/&lt;package-version&gt;/…  GraphiQL and React as published on npm (vendor/README.md)
 * </pre>
 *
 * Caching: the page and our script are revalidated on every load (`no-cache`), so an upgrade shows
 * at once; vendor files carry their version in their path, so browsers keep them (`immutable`).
 */
final class ConsoleAssets {
    static final String PAGE_PATH = "/console";
    static final String ASSETS_PATH = "/console/assets/";

    static final String NO_CACHE = "no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self' data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private static final String RESOURCES = "/io/joinery/core/console/";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";

    private static final List<String> VENDOR_FILES = List.of(
            "vendor/graphiql-3.9.0/graphiql.min.js",
            "vendor/graphiql-3.9.0/graphiql.min.css",
            "vendor/graphiql-3.9.0/LICENSE",
            "vendor/react-18.3.1/react.production.min.js",
            "vendor/react-18.3.1/LICENSE",
            "vendor/react-dom-18.3.1/react-dom.production.min.js",
            "vendor/react-dom-18.3.1/LICENSE");

    private ConsoleAssets() {}

    /** Every console file by request path; fails at start if one is missing from the jar. */
    static Map<String, HttpAnswer> load() {
        Map<String, HttpAnswer> files = new LinkedHashMap<>();
        files.put(PAGE_PATH, answer("index.html", HTML, NO_CACHE)
                .withHeader("Content-Security-Policy", PAGE_POLICY)
                .withHeader("Referrer-Policy", "no-referrer"));
        files.put(ASSETS_PATH + "console.js", answer("console.js", JAVASCRIPT, NO_CACHE));
        for (String file : VENDOR_FILES) {
            files.put(ASSETS_PATH + file, answer(file, contentType(file), IMMUTABLE));
        }
        return Collections.unmodifiableMap(files);
    }

    private static HttpAnswer answer(String file, String contentType, String cacheControl) {
        return HttpAnswer.ofBytes(200, contentType, read(file))
                .withHeader("Cache-Control", cacheControl)
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return JAVASCRIPT;
        }
        return file.endsWith(".css") ? CSS : HttpAnswer.TEXT;
    }

    private static byte[] read(String file) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("console file " + RESOURCES + file + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + RESOURCES + file, e);
        }
    }
}
