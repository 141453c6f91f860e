package io.joinery.child.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A real headless Chromium (Debian's `chromium` and `chromium-driver` packages, which `.ci/run`
 * installs) driven through chromedriver, recording every network request the pages make.
 *
 * <p>The binaries are never looked up or downloaded (Selenium Manager is bypassed by naming both);
 * `-Djoinery.chromium=` and `-Djoinery.chromedriver=` point elsewhere. Missing binaries fail the
 * test with the command that installs them: this test is never skipped.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** One request a page sent, from Chromium's performance log ({@code body}: "" when none or not logged). */
    public record SentRequest(String method, String url, Map<String, String> headers, String body) {}

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static HeadlessChromium start() {
        File chromium = binary("joinery.chromium", "/usr/bin/chromium");
        File chromedriver = binary("joinery.chromedriver", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("joinery-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL", LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        HeadlessChromium browser = new HeadlessChromium(driver, profile);
        // what the browser itself loads at start (Debian's new tab page) is not any page's doing
        driver.get("about:blank");
        browser.takeRequests();
        browser.takeBrowserLog();
        return browser;
    }

    private static File binary(String property, String fallback) {
        File file = new File(System.getProperty(property, fallback));
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " not found: the console's browser test needs Chromium and "
                    + "chromedriver; install them with `apt-get update && apt-get install -y chromium chromium-driver` "
                    + "(as .ci/run does), or point -D" + property + "= at them");
        }
        return file;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * The requests the pages sent since the last call (each network request once, WebSocket
     * connections included), in order.
     */
    public List<SentRequest> takeRequests() {
        List<SentRequest> sent = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = Json.parseBody(entry.getMessage()).path("message");
            String method = message.path("method").asText();
            JsonNode params = message.path("params");
            if (method.equals("Network.requestWillBeSent")) {
                JsonNode request = params.path("request");
                sent.add(new SentRequest(request.path("method").asText(), request.path("url").asText(),
                        Json.MAPPER.convertValue(request.path("headers"), Json.MAPPER.getTypeFactory()
                                .constructMapType(Map.class, String.class, String.class)),
                        request.path("postData").asText("")));
            } else if (method.equals("Network.webSocketCreated")) {
                sent.add(new SentRequest("WEBSOCKET", params.path("url").asText(), Map.of(), ""));
            }
        }
        return sent;
    }

    /** The page's console messages and errors (CSP violations among them) since the last call. */
    public List<String> takeBrowserLog() {
        List<String> lines = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            lines.add(entry.getLevel() + " " + entry.getMessage());
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
