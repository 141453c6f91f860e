package io.joinery.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Drives one endpoint with `wrk` (POST of a fixed JSON body, keep-alive connections) and reads its
 * summary: a Lua `done` hook prints one machine-readable line.
 */
final class Wrk {
    private static final String MARK = "JOINERY_BENCH";

    /** One run: completed requests, elapsed time, latency percentiles, failed requests (socket errors, non-2xx). */
    record Result(long requests, double seconds, double p50Ms, double p99Ms, long errors) {
        double rps() {
            return requests / seconds;
        }
    }

    private final Path executable;
    private final Path scriptDir;

    private Wrk(Path executable, Path scriptDir) {
        this.executable = executable;
        this.scriptDir = scriptDir;
    }

    static Wrk locate(String searchPath, Path scriptDir) {
        Path wrk = find(searchPath).orElseThrow(() -> new BenchFailure("wrk is not installed (Debian/Ubuntu: "
                + "apt-get update && apt-get install -y wrk; bench/run installs it when run as root)"));
        return new Wrk(wrk, scriptDir);
    }

    /** `wrk` in one of the directories of {@code searchPath} (the PATH), if any. */
    static Optional<Path> find(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    Result run(String name, String url, String body, int threads, int connections, Duration duration) {
        return run(name, url, body, Map.of(), threads, connections, duration);
    }

    /** As {@link #run(String, String, String, int, int, Duration)}, each request also carrying {@code headers}. */
    Result run(String name, String url, String body, Map<String, String> headers, int threads, int connections,
               Duration duration) {
        Path script = script(name, body, headers);
        long seconds = Math.max(1, duration.toSeconds());
        List<String> command = List.of(executable.toString(), "-t", Integer.toString(threads),
                "-c", Integer.toString(connections), "-d", seconds + "s", "--timeout", "10s",
                "-s", script.toString(), url);
        try {
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(seconds + 30, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
                throw new BenchFailure("wrk did not finish: " + String.join(" ", command));
            }
            return parse(output).orElseThrow(() -> new BenchFailure("wrk gave no result for " + name + " (exit code "
                    + wrk.exitValue() + "):\n" + output));
        } catch (IOException e) {
            throw new BenchFailure("cannot run wrk: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while running wrk");
        }
    }

    static Optional<Result> parse(String output) {
        return output.lines().filter(line -> line.startsWith(MARK + " ")).findFirst().map(line -> {
            String[] f = line.substring(MARK.length() + 1).strip().split(" ");
            return new Result(Long.parseLong(f[0]), Long.parseLong(f[1]) / 1e6, Double.parseDouble(f[2]) / 1000,
                    Double.parseDouble(f[3]) / 1000, Long.parseLong(f[4]));
        });
    }

    private Path script(String name, String body, Map<String, String> headers) {
        String level = "=";
        while (body.contains("]" + level + "]")) {
            level += "=";
        }
        StringBuilder extra = new StringBuilder();
        headers.forEach((header, value) -> {
            if (!header.matches("[A-Za-z0-9-]+") || !value.matches("[\\x20-\\x7e&&[^\"\\\\]]*")) {
                throw new BenchFailure("scenario " + name + ": a header wrk cannot send as is: " + header);
            }
            extra.append("wrk.headers[\"").append(header).append("\"] = \"").append(value).append("\"\n");
        });
        String lua = """
                -- written by the Joinery benchmark (bench/run) for scenario %1$s
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                %5$swrk.body = [%2$s[%3$s]%2$s]

                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("%4$s %%d %%d %%.0f %%.0f %%d\\n", summary.requests, summary.duration,
                    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
                end
                """.formatted(name, level, body, MARK, extra);
        try {
            Files.createDirectories(scriptDir);
            Path file = scriptDir.resolve(name + ".lua");
            Files.writeString(file, lua);
            return file;
        } catch (IOException e) {
            throw new BenchFailure("cannot write the wrk script: " + e.getMessage());
        }
    }
}
