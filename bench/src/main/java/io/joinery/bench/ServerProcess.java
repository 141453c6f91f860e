package io.joinery.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server under test, run from its jar as a separate process (`java -jar`) with its output in a log file. */
final class ServerProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final String healthUrl;

    private ServerProcess(String name, Process process, Path log, String healthUrl) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.healthUrl = healthUrl;
    }

    static ServerProcess start(String name, Path jar, List<String> jvmArgs, Map<String, String> env, Path log,
                               String healthUrl) {
        if (!Files.isRegularFile(jar)) {
            throw new BenchFailure(jar + " is missing: build the jars first (bench/run does: "
                    + "mvn -B -q -DskipTests package -pl bench -am)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            return new ServerProcess(name, builder.start(), log, healthUrl);
        } catch (IOException e) {
            throw new BenchFailure("cannot start the " + name + ": " + e.getMessage());
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Polls the health URL until it answers 200; fails when the process exits or time runs out. */
    void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new BenchFailure("the " + name + " stopped (exit code " + process.exitValue()
                        + ") while starting." + lastLines());
            }
            if (answers200()) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new BenchFailure("the " + name + " is not healthy after " + timeout.toSeconds() + " s (" + healthUrl
                + ")." + lastLines());
    }

    /** SIGTERM, so the server runs its own shutdown (the child stops its embedded Postgres); SIGKILL after a wait. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("bench: the " + name + " did not stop within " + grace.toSeconds() + " s: killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String lastLines() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n  last lines of " + log + ":\n    "
                    + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
    }

    private boolean answers200() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while waiting for the " + name);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}
