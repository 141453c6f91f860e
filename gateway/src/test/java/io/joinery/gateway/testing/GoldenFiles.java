package io.joinery.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Golden-file cases under `src/test/resources/<dir>`: one input file per case plus expected
 * outputs next to it. `-Djoinery.golden.update=true` rewrites the expected files in the source tree
 * (ignored when `CI` is set). Core's test-jar has no GoldenFiles yet; this is the gateway's copy.
 */
public final class GoldenFiles {
    private static final boolean UPDATE = Boolean.getBoolean("joinery.golden.update") && System.getenv("CI") == null;

    private GoldenFiles() {}

    /** One case: its name and input. */
    public record Case(Path sourceDir, String name, String input) {
        /** Compares {@code actual} with `<name><suffix>`, or writes it in update mode. */
        public void assertMatches(String suffix, String actual) {
            Path expectedFile = sourceDir.resolve(name + suffix);
            try {
                if (UPDATE || !Files.exists(expectedFile)) {
                    Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                    assertThat(UPDATE).as("golden file %s was missing and has been written; review it", expectedFile)
                            .isTrue();
                    return;
                }
                assertThat(actual).as("golden file %s", expectedFile)
                        .isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The cases in `src/test/resources/<dir>` whose file name ends with {@code extension}. */
    public static Stream<Case> cases(String dir, String extension) {
        Path source = sourceDir(dir);
        try {
            return Files.list(source)
                    .filter(p -> p.getFileName().toString().endsWith(extension))
                    .sorted()
                    .map(p -> {
                        String file = p.getFileName().toString();
                        try {
                            return new Case(source, file.substring(0, file.length() - extension.length()),
                                    Files.readString(p, StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source directory (not target/), so update mode edits the files under review. */
    public static Path sourceDir(String dir) {
        try {
            Path compiled = Path.of(GoldenFiles.class.getResource("/" + dir).toURI());
            Path module = compiled.getParent();
            while (module != null && !Files.exists(module.resolve("pom.xml"))) {
                module = module.getParent();
            }
            return module == null ? compiled : module.resolve("src/test/resources").resolve(dir);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
