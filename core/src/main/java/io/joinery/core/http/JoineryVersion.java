package io.joinery.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build was made from (Maven's project version), for `/v1/version` and User-Agent. */
public final class JoineryVersion {
    private static final String VERSION = load();

    private JoineryVersion() {}

    public static String current() {
        return VERSION;
    }

    /** `joinery/<version>`, the User-Agent of outbound calls (SPEC §3.4 Joinery choice). */
    public static String userAgent() {
        return "joinery/" + VERSION;
    }

    private static String load() {
        try (InputStream in = JoineryVersion.class.getResourceAsStream("/io/joinery/core/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
