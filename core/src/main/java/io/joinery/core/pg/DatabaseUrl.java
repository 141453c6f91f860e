package io.joinery.core.pg;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed `postgres://user:pass@host:port/db?sslmode=…` URL (also `postgresql://`), with the
 * pieces the r2dbc pool and the JDBC `run_sql` path need.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> options) {

    public static DatabaseUrl parse(String url) {
        return parse(url, "JOINERY_DATABASE_URL");
    }

    /** As {@link #parse(String)}; messages name {@code setting} (the child's or the gateway's variable). */
    public static DatabaseUrl parse(String url, String setting) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgres") || scheme.equals("postgresql"))) {
            throw new IllegalArgumentException(
                    setting + " must start with postgres:// or postgresql://, got: " + redact(url));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(setting + " has no host: " + redact(url));
        }
        String user = "postgres";
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.length() > 1 ? decode(path.substring(1)) : "postgres";
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    options.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
                }
            }
        }
        return new DatabaseUrl(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), database, user, password,
                Map.copyOf(options));
    }

    public static DatabaseUrl local(int port, String database, String user) {
        return new DatabaseUrl("localhost", port, database, user, null, Map.of());
    }

    public String sslMode() {
        return options.getOrDefault("sslmode", "disable");
    }

    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
                .append('/').append(database);
        url.append("?sslmode=").append(sslMode());
        return url.toString();
    }

    /** The URL without its password, for logs and error messages. */
    public String redacted() {
        return "postgres://" + user + "@" + host + ":" + port + "/" + database;
    }

    /** {@link #redacted()}: a record's own toString would print the password wherever one is logged. */
    @Override
    public String toString() {
        return redacted();
    }

    private static String redact(String url) {
        return url.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
