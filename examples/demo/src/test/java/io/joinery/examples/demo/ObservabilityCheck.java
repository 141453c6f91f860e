package io.joinery.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The observability half of {@link DeploymentCheck} (SPEC §13, issue 18): docker-compose.yml's
 * optional `observability` profile (Prometheus scraping both servers' `/v1/metrics` with the metrics
 * secret, Jaeger receiving their traces over OTLP, nothing exported without the profile) and the
 * ServiceMonitor-ready Services of deploy/ with the ServiceMonitor of deploy/monitoring.
 */
final class ObservabilityCheck {
    static final String PROFILE = "observability";
    static final Set<String> PROFILE_SERVICES = Set.of("prometheus", "jaeger");
    /** The Joinery servers Prometheus scrapes and that send traces. */
    static final List<String> SERVERS = List.of("child", "gateway");
    static final String METRICS_PATH = "/v1/metrics";
    static final String METRICS_SECRET = "JOINERY_METRICS_SECRET";
    static final String PROMETHEUS_CONFIG = "deploy/observability/prometheus.yml";
    static final String MONITORING = "deploy/monitoring";

    /**
     * Variables a server reads that are not string literals of its config classes: the OpenTelemetry
     * SDK's own (autoconfigured from the standard `OTEL_*` variables) and the metrics secret of SPEC §13.
     */
    static final Set<String> SERVER_VARIABLES = Set.of(METRICS_SECRET, "OTEL_SERVICE_NAME", "OTEL_TRACES_EXPORTER",
            "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
            "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_PROPAGATORS");

    private static final Map<String, Integer> OTLP_PORTS = Map.of("http/protobuf", 4318, "grpc", 4317);

    private final Path filesRoot;
    private final List<String> problems;

    ObservabilityCheck(Path filesRoot, List<String> problems) {
        this.filesRoot = filesRoot;
        this.problems = problems;
    }

    static boolean inProfile(JsonNode service) {
        return service.has("profiles");
    }

    // ---- docker-compose.yml

    /**
     * @param env     a compose service's environment by name
     * @param portOf  the port a Joinery server listens on in compose
     */
    void compose(JsonNode services, Function<String, Map<String, String>> env, Function<String, Integer> portOf) {
        Set<String> profiled = new TreeSet<>();
        services.fields().forEachRemaining(entry -> {
            JsonNode profiles = entry.getValue().path("profiles");
            if (profiles.isMissingNode()) {
                entry.getValue().path("depends_on").fieldNames().forEachRemaining(dependency -> {
                    if (inProfile(services.path(dependency))) {
                        problems.add("compose " + entry.getKey() + ": depends_on " + dependency
                                + ", which only runs with a profile");
                    }
                });
                return;
            }
            profiled.add(entry.getKey());
            if (profiles.size() != 1 || !profiles.get(0).asText().equals(PROFILE)) {
                problems.add("compose " + entry.getKey() + ": profiles " + profiles + " is not [" + PROFILE + "]");
            }
            String image = entry.getValue().path("image").asText();
            if (!image.contains(":") || image.endsWith(":latest")) {
                problems.add("compose " + entry.getKey() + ": image " + image + " has no pinned version");
            }
        });
        if (!profiled.equals(new TreeSet<>(PROFILE_SERVICES))) {
            problems.add("compose: the " + PROFILE + " profile's services are " + profiled + ", expected "
                    + new TreeSet<>(PROFILE_SERVICES));
        }
        if (!env.apply("jaeger").getOrDefault("COLLECTOR_OTLP_ENABLED", "").equals("true")) {
            problems.add("compose jaeger: COLLECTOR_OTLP_ENABLED is not \"true\"");
        }
        JsonNode prometheus = prometheusConfig(services.path("prometheus"));
        for (String server : SERVERS) {
            Map<String, String> vars = env.apply(server);
            scrapeJob(prometheus, server, server + ":" + portOf.apply(server), vars.get(METRICS_SECRET));
            tracing("compose " + server, server, vars, services);
        }
    }

    /** The Prometheus configuration the service mounts, or a missing node (and a problem). */
    private JsonNode prometheusConfig(JsonNode prometheus) {
        for (JsonNode volume : prometheus.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].equals("/etc/prometheus/prometheus.yml")) {
                String source = parts[0].startsWith("./") ? parts[0].substring(2) : parts[0];
                if (!source.equals(PROMETHEUS_CONFIG) || !Files.isRegularFile(filesRoot.resolve(source))) {
                    problems.add("compose prometheus: mounts " + parts[0] + ", not the file " + PROMETHEUS_CONFIG);
                    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                }
                return DeploymentCheck.yamlDocuments(filesRoot.resolve(source)).get(0);
            }
        }
        problems.add("compose prometheus: does not mount " + PROMETHEUS_CONFIG + " as /etc/prometheus/prometheus.yml");
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private void scrapeJob(JsonNode prometheus, String server, String target, String metricsSecret) {
        if (prometheus.isMissingNode()) {
            return;
        }
        for (JsonNode job : prometheus.path("scrape_configs")) {
            boolean targets = false;
            for (JsonNode staticConfig : job.path("static_configs")) {
                for (JsonNode t : staticConfig.path("targets")) {
                    targets |= t.asText().equals(target);
                }
            }
            if (!targets) {
                continue;
            }
            String where = PROMETHEUS_CONFIG + " job " + job.path("job_name").asText();
            if (!job.path("metrics_path").asText().equals(METRICS_PATH)) {
                problems.add(where + ": metrics_path " + job.path("metrics_path").asText("(default /metrics)")
                        + " is not " + METRICS_PATH);
            }
            JsonNode authorization = job.path("authorization");
            if (metricsSecret == null || metricsSecret.isEmpty()) {
                problems.add("compose " + server + ": " + METRICS_SECRET + " is not set, so Prometheus cannot scrape it");
            } else if (!authorization.path("type").asText("Bearer").equals("Bearer")
                    || !authorization.path("credentials").asText().equals(metricsSecret)) {
                problems.add(where + ": scrapes " + target + " with a bearer token that is not the " + server
                        + "'s " + METRICS_SECRET);
            }
            return;
        }
        problems.add(PROMETHEUS_CONFIG + ": no scrape job targets " + target + " (the " + server + ")");
    }

    /** OTLP goes to the profile's Jaeger on the port of its protocol; nothing is exported by default. */
    private void tracing(String where, String server, Map<String, String> vars, JsonNode services) {
        if (!vars.getOrDefault("OTEL_SERVICE_NAME", "").equals("joinery-" + server)) {
            problems.add(where + ": OTEL_SERVICE_NAME is not joinery-" + server);
        }
        String exporter = vars.getOrDefault("OTEL_TRACES_EXPORTER", "");
        String byDefault = exporter.startsWith("${") && exporter.contains(":-")
                ? exporter.substring(exporter.indexOf(":-") + 2, exporter.length() - 1) : exporter;
        if (!byDefault.equals("none")) {
            problems.add(where + ": OTEL_TRACES_EXPORTER " + exporter + " exports traces without the " + PROFILE
                    + " profile (its default must be none)");
        }
        for (String signal : List.of("OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER")) {
            if (!vars.getOrDefault(signal, "").equals("none")) {
                problems.add(where + ": " + signal + " is not none (metrics are scraped; Jaeger takes traces only)");
            }
        }
        String endpoint = vars.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        String protocol = vars.getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        URI uri = URI.create(endpoint.isEmpty() ? "http://unset" : endpoint);
        if (!uri.getHost().equals("jaeger") || !inProfile(services.path("jaeger"))) {
            problems.add(where + ": OTEL_EXPORTER_OTLP_ENDPOINT " + endpoint + " is not the " + PROFILE
                    + " profile's jaeger");
        } else if (!OTLP_PORTS.containsKey(protocol) || uri.getPort() != OTLP_PORTS.get(protocol)) {
            problems.add(where + ": OTLP over " + protocol + " goes to port " + OTLP_PORTS.get(protocol)
                    + ", not " + uri.getPort());
        }
    }

    // ---- deploy/base and deploy/monitoring

    /**
     * @param byKindAndName the objects of deploy/base, by `Kind/name`
     * @param labels        the labels deploy/base's kustomization adds to every object
     * @param secretKeys    the keys of every Secret of deploy/base, by Secret name
     */
    void kubernetes(Map<String, JsonNode> byKindAndName, Map<String, String> labels, Map<String, Set<String>> secretKeys) {
        Map<String, Map<String, String>> serviceLabels = new HashMap<>();
        Set<String> metricsSecretRefs = new TreeSet<>();
        for (String server : SERVERS) {
            String name = "joinery-" + server;
            JsonNode service = byKindAndName.get("Service/" + name);
            JsonNode deployment = byKindAndName.get("Deployment/" + name);
            if (service == null || deployment == null) {
                continue;
            }
            String where = "deploy " + name;
            JsonNode port = service.path("spec").path("ports").path(0);
            if (port.path("name").asText().isEmpty()) {
                problems.add(where + ": the Service's port has no name (a ServiceMonitor selects ports by name)");
            }
            JsonNode annotations = service.path("metadata").path("annotations");
            if (!annotations.path("prometheus.io/scrape").asText().equals("true")
                    || !annotations.path("prometheus.io/path").asText().equals(METRICS_PATH)
                    || !annotations.path("prometheus.io/port").asText().equals(port.path("port").asText())) {
                problems.add(where + ": the Service lacks prometheus.io/scrape \"true\", prometheus.io/path " + METRICS_PATH
                        + " and prometheus.io/port " + port.path("port").asText());
            }
            Map<String, String> all = new HashMap<>(labels);
            service.path("metadata").path("labels").fields().forEachRemaining(l -> all.put(l.getKey(), l.getValue().asText()));
            serviceLabels.put(name, all);
            boolean set = false;
            for (JsonNode variable : deployment.path("spec").path("template").path("spec").path("containers").path(0).path("env")) {
                if (variable.path("name").asText().equals(METRICS_SECRET)) {
                    JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                    set = !ref.isMissingNode();
                    metricsSecretRefs.add(ref.path("name").asText() + "/" + ref.path("key").asText());
                }
            }
            if (!set) {
                problems.add(where + ": " + METRICS_SECRET + " is not set from a Secret");
            }
        }
        serviceMonitor(serviceLabels, secretKeys, metricsSecretRefs);
    }

    private void serviceMonitor(Map<String, Map<String, String>> serviceLabels, Map<String, Set<String>> secretKeys,
                                Set<String> metricsSecretRefs) {
        Path dir = filesRoot.resolve(MONITORING);
        JsonNode kustomization = DeploymentCheck.yamlDocuments(dir.resolve("kustomization.yaml")).get(0);
        List<String> resources = texts(kustomization.path("resources"));
        if (!resources.contains("../base")) {
            problems.add(MONITORING + ": the kustomization does not include ../base");
        }
        JsonNode monitor = null;
        for (String resource : resources) {
            if (!resource.equals("../base") && Files.isRegularFile(dir.resolve(resource))) {
                for (JsonNode object : DeploymentCheck.yamlDocuments(dir.resolve(resource))) {
                    if (object.path("kind").asText().equals("ServiceMonitor")) {
                        monitor = object;
                    }
                }
            }
        }
        if (monitor == null) {
            problems.add(MONITORING + ": no ServiceMonitor among the kustomization's resources");
            return;
        }
        JsonNode matchLabels = monitor.path("spec").path("selector").path("matchLabels");
        serviceLabels.forEach((service, labels) -> matchLabels.fields().forEachRemaining(label -> {
            if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
                problems.add(MONITORING + ": the ServiceMonitor's selector label " + label.getKey() + "="
                        + label.getValue().asText() + " does not select Service " + service);
            }
        }));
        JsonNode endpoint = monitor.path("spec").path("endpoints").path(0);
        if (!endpoint.path("port").asText().equals("http")) {
            problems.add(MONITORING + ": the ServiceMonitor scrapes port " + endpoint.path("port").asText()
                    + ", the Services' port is named http");
        }
        if (!endpoint.path("path").asText().equals(METRICS_PATH)) {
            problems.add(MONITORING + ": the ServiceMonitor's path is not " + METRICS_PATH);
        }
        JsonNode credentials = endpoint.path("authorization").path("credentials");
        String ref = credentials.path("name").asText() + "/" + credentials.path("key").asText();
        if (!secretKeys.getOrDefault(credentials.path("name").asText(), Set.of()).contains(credentials.path("key").asText())
                || !metricsSecretRefs.equals(Set.of(ref))) {
            problems.add(MONITORING + ": the ServiceMonitor's bearer token " + ref + " is not the servers' "
                    + METRICS_SECRET + " " + metricsSecretRefs);
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new java.util.ArrayList<>();
        node.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
