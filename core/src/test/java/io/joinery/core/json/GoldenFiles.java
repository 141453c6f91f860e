package io.joinery.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Golden-file cases (STYLE §7): every `<name><extension>` file under `src/test/resources/<dir>` of
 * the module under test is one case, compared with `<name><suffix>` files next to it. The input's
 * first line may be a comment holding a JSON object (`# {"variables": {"id": 1}}`), read by
 * {@link Case#header()}. Run with `-Djoinery.golden.update=true` to (re)write the expected files;
 * the flag is ignored when the environment variable `CI` is set, so CI always compares.
 */
public final class GoldenFiles {
    private static final Path RESOURCES = Path.of("src", "test", "resources");

    private GoldenFiles() {}

    /** Whether expected files are being rewritten instead of compared. */
    public static boolean isUpdating() {
        return Boolean.getBoolean("joinery.golden.update") && System.getenv("CI") == null;
    }

    /** The folder {@code dir} (relative to `src/test/resources`) in the module's source tree. */
    public static Path sourceDir(String dir) {
        return RESOURCES.resolve(dir);
    }

    /** The cases in {@code dir} (relative to `src/test/resources`), sorted by name. */
    public static Stream<Case> cases(String dir, String extension) {
        Path root = RESOURCES.resolve(dir);
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(extension))
                    .sorted()
                    .map(p -> {
                        String file = p.getFileName().toString();
                        return new Case(file.substring(0, file.length() - extension.length()), root, read(p));
                    })
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list golden files in " + root.toAbsolutePath(), e);
        }
    }

    /** One golden case: its name, directory and input text. */
    public record Case(String name, Path dir, String input) {
        /** The JSON object in the input's first-line comment (`#` or `--`), or an empty object. */
        public ObjectNode header() {
            String first = input.lines().findFirst().orElse("").strip();
            String body = first.startsWith("#") ? first.substring(1).strip()
                    : first.startsWith("--") ? first.substring(2).strip() : "";
            if (!body.startsWith("{")) {
                return Json.object();
            }
            JsonNode parsed = Json.parseBody(body);
            return (ObjectNode) parsed;
        }

        /** Compares (or, when updating, writes) `<name><suffix>` with {@code actual}. */
        public void assertMatches(String suffix, String actual) {
            Path expectedFile = dir.resolve(name + suffix);
            if (isUpdating()) {
                write(expectedFile, actual);
                return;
            }
            if (!Files.exists(expectedFile)) {
                fail("missing golden file " + expectedFile + "; run with -Djoinery.golden.update=true to create it."
                        + " Actual:\n" + actual);
            }
            assertEquals(read(expectedFile), actual, "golden file " + expectedFile);
        }

        /** Like {@link #assertMatches} for a value written as pretty JSON. */
        public void assertMatchesJson(String suffix, Object actual) {
            assertMatches(suffix, Json.pretty(actual) + "\n");
        }

        /** Whether `<name><suffix>` exists (e.g. an expected error instead of an output). */
        public boolean has(String suffix) {
            return Files.exists(dir.resolve(name + suffix));
        }

        /** Removes `<name><suffix>` when updating (a case whose outcome changed kind). */
        public void deleteWhenUpdating(String suffix) {
            if (isUpdating()) {
                try {
                    Files.deleteIfExists(dir.resolve(name + suffix));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
