package io.joinery.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.joinery.core.http.FrontDoor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-checks docker-compose.yml, the Dockerfiles and the Kubernetes base in deploy/ against the
 * code: which services exist, their images and Dockerfiles, ports, the environment variables the
 * code reads (from the config classes' source) or the metadata references, and the health paths
 * the servers route; the observability profile and the ServiceMonitor are {@link ObservabilityCheck}'s. Reads the code from {@code codeRoot} and the deployment files from
 * {@code filesRoot}, so a test can feed it a drifted copy. Answers the problems found, none = in sync.
 */
final class DeploymentCheck {
    /**
     * What the code says about one service. {@code settingsSources} are the shared classes in core that
     * read settings for it too (authentication, Hasura's names).
     */
    record Service(String name, String module, String jar, String configSource, String serverSource, String portVariable,
                   Optional<String> metadataFile, List<String> settingsSources) {}

    /** Where core reads the settings both servers share: `JOINERY_*` auth settings and their Hasura twins. */
    static final List<String> CORE_SETTINGS = List.of(
            "core/src/main/java/io/joinery/core/auth/AuthConfig.java",
            "core/src/main/java/io/joinery/core/config/Environment.java");

    static final List<Service> SERVICES = List.of(
            new Service("child", "child", "child/target/joinery-child.jar",
                    "child/src/main/java/io/joinery/child/ChildConfig.java",
                    "child/src/main/java/io/joinery/child/http/ChildServer.java", "JOINERY_PORT",
                    Optional.of("examples/demo/child-metadata.json"), CORE_SETTINGS),
            new Service("gateway", "gateway", "gateway/target/joinery-gateway.jar",
                    "gateway/src/main/java/io/joinery/gateway/GatewayConfig.java",
                    "gateway/src/main/java/io/joinery/gateway/http/GatewayServer.java", "JOINERY_PORT",
                    Optional.of("examples/demo/gateway-metadata.json"), CORE_SETTINGS),
            new Service("action-handler", "examples/action-handler",
                    "examples/action-handler/target/joinery-action-handler.jar",
                    "examples/action-handler/src/main/java/io/joinery/examples/handler/HandlerConfig.java",
                    "examples/action-handler/src/main/java/io/joinery/examples/handler/HandlerServer.java",
                    "HANDLER_PORT", Optional.empty(), List.of()));
    /** The services of the Kubernetes base (the action handler is the user's own). */
    static final List<String> KUBERNETES_SERVICES = List.of("child", "gateway");

    private static final Pattern ENV_NAME_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path codeRoot;
    private final Path filesRoot;
    private final List<String> problems = new ArrayList<>();

    private DeploymentCheck(Path codeRoot, Path filesRoot) {
        this.codeRoot = codeRoot;
        this.filesRoot = filesRoot;
    }

    static DeploymentCheck of(Path codeRoot, Path filesRoot) {
        return new DeploymentCheck(codeRoot, filesRoot);
    }

    static List<String> problems(Path codeRoot, Path filesRoot) {
        DeploymentCheck check = new DeploymentCheck(codeRoot, filesRoot);
        check.compose();
        check.kubernetes();
        return List.copyOf(check.problems);
    }

    // ---- what the code says

    /**
     * The variables the service reads: string literals in its config class and the shared settings
     * classes of core, and what its metadata references.
     */
    Set<String> knownVariables(Service service) {
        Set<String> names = new TreeSet<>();
        List<String> sources = new ArrayList<>(List.of(service.configSource()));
        sources.addAll(service.settingsSources());
        for (String source : sources) {
            Matcher literals = ENV_NAME_LITERAL.matcher(read(codeRoot.resolve(source)));
            while (literals.find()) {
                names.add(literals.group(1));
            }
        }
        names.addAll(metadataVariables(service));
        if (ObservabilityCheck.SERVERS.contains(service.name())) {
            names.addAll(ObservabilityCheck.SERVER_VARIABLES);
        }
        return names;
    }

    /** `{{VAR}}` templates, `url_from_env` and `value_from_env` in the service's metadata file. */
    Set<String> metadataVariables(Service service) {
        Set<String> names = new TreeSet<>();
        service.metadataFile().ifPresent(file -> {
            String text = read(filesRoot.resolve(file));
            Matcher templates = TEMPLATE.matcher(text);
            while (templates.find()) {
                names.add(templates.group(1));
            }
            JsonNode metadata = json(text, file);
            for (String key : List.of("url_from_env", "value_from_env")) {
                metadata.findValues(key).forEach(value -> names.add(value.asText()));
            }
        });
        return names;
    }

    boolean routes(Service service, String path) {
        return read(codeRoot.resolve(service.serverSource())).contains("\"" + path + "\"");
    }

    // ---- docker-compose.yml and the Dockerfiles

    private void compose() {
        JsonNode services = yaml(filesRoot.resolve("docker-compose.yml")).get(0).path("services");
        Set<String> expected = new TreeSet<>(List.of("postgres"));
        SERVICES.forEach(service -> expected.add(service.name()));
        Set<String> actual = new TreeSet<>();
        services.fields().forEachRemaining(service -> {
            if (!ObservabilityCheck.inProfile(service.getValue())) {
                actual.add(service.getKey());
            }
        });
        if (!actual.equals(expected)) {
            problems.add("compose: services are " + actual + ", the code has " + expected);
        }
        services.fields().forEachRemaining(entry -> {
            JsonNode node = entry.getValue();
            if (!node.has("healthcheck")) {
                problems.add("compose " + entry.getKey() + ": no healthcheck");
            }
            node.path("depends_on").fields().forEachRemaining(dependency -> {
                if (!dependency.getValue().path("condition").asText().equals("service_healthy")) {
                    problems.add("compose " + entry.getKey() + ": depends_on " + dependency.getKey()
                            + " without condition service_healthy");
                }
                if (!services.has(dependency.getKey())) {
                    problems.add("compose " + entry.getKey() + ": depends_on unknown service " + dependency.getKey());
                }
            });
        });
        for (Service service : SERVICES) {
            JsonNode node = services.path(service.name());
            if (node.isMissingNode()) {
                continue;
            }
            String where = "compose " + service.name();
            Map<String, String> env = composeEnvironment(node.path("environment"));
            int port = envPort(where, service, env);
            variables(where, service, env.keySet());
            if (service.name().equals("gateway")) {
                ownAdminSecret(where, env);
            }
            dockerfile(where, service, node.path("build").path("dockerfile").asText(), port);
            if (!node.path("image").asText().startsWith("joinery/" + service.name() + ":")) {
                problems.add(where + ": image " + node.path("image").asText() + " is not joinery/" + service.name() + ":<tag>");
            }
            node.path("ports").forEach(mapping -> {
                String[] parts = mapping.asText().split(":");
                if (Integer.parseInt(parts[parts.length - 1]) != port) {
                    problems.add(where + ": publishes container port " + parts[parts.length - 1] + ", it listens on " + port);
                }
            });
            String health = String.join(" ", texts(node.path("healthcheck").path("test")));
            Matcher url = Pattern.compile("http://localhost:(\\d+)(/[^\\s?\"]*)").matcher(health);
            if (!url.find()) {
                problems.add(where + ": the healthcheck calls no http://localhost URL: " + health);
            } else {
                if (Integer.parseInt(url.group(1)) != port) {
                    problems.add(where + ": the healthcheck calls port " + url.group(1) + ", it listens on " + port);
                }
                if (!routes(service, url.group(2))) {
                    problems.add(where + ": the healthcheck calls " + url.group(2) + ", which " + service.serverSource()
                            + " does not route");
                }
            }
            urls(where, env, name -> composePort(services, name));
        }
        new ObservabilityCheck(filesRoot, problems).compose(services,
                name -> composeEnvironment(services.path(name).path("environment")),
                name -> composePort(services, name).orElse(-1));
    }

    private Map<String, String> composeEnvironment(JsonNode environment) {
        Map<String, String> env = new HashMap<>();
        if (environment.isObject()) {
            environment.fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        } else {
            environment.forEach(item -> {
                String[] parts = item.asText().split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : "");
            });
        }
        return env;
    }

    private Optional<Integer> composePort(JsonNode services, String host) {
        return SERVICES.stream().filter(service -> service.name().equals(host)).findFirst()
                .map(service -> composeEnvironment(services.path(host).path("environment")).get(service.portVariable()))
                .map(Integer::parseInt);
    }

    private void dockerfile(String where, Service service, String path, int port) {
        Path file = filesRoot.resolve(path);
        if (path.isEmpty() || !Files.isRegularFile(file)) {
            problems.add(where + ": build.dockerfile " + path + " does not exist");
            return;
        }
        String text = read(file);
        if (!text.contains("-pl " + service.module() + " ")) {
            problems.add(path + ": does not build the module " + service.module());
        }
        if (!text.contains("COPY --from=build /src/" + service.jar() + " ")) {
            problems.add(path + ": does not copy " + service.jar());
        }
        Matcher expose = EXPOSE.matcher(text);
        if (!expose.find() || Integer.parseInt(expose.group(1)) != port) {
            problems.add(path + ": EXPOSE is not " + port);
        }
        Matcher user = USER.matcher(text);
        if (!user.find() || user.group(1).equals("root") || user.group(1).equals("0")) {
            problems.add(path + ": the runtime image does not switch to a non-root USER");
        }
    }

    // ---- deploy/base

    private void kubernetes() {
        Path base = filesRoot.resolve("deploy/base");
        JsonNode kustomization = yaml(base.resolve("kustomization.yaml")).get(0);
        List<JsonNode> objects = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> {
            Path file = base.resolve(resource.asText());
            if (Files.isRegularFile(file)) {
                objects.addAll(yaml(file));
            } else {
                problems.add("kustomization: resource " + resource.asText() + " does not exist");
            }
        });
        Map<String, JsonNode> byKindAndName = new HashMap<>();
        objects.forEach(object -> byKindAndName.put(object.path("kind").asText() + "/"
                + object.path("metadata").path("name").asText(), object));
        Map<String, Set<String>> secretKeys = new HashMap<>();
        objects.stream().filter(object -> object.path("kind").asText().equals("Secret")).forEach(secret -> {
            Set<String> keys = new TreeSet<>();
            secret.path("stringData").fieldNames().forEachRemaining(keys::add);
            secret.path("data").fieldNames().forEachRemaining(keys::add);
            secretKeys.put(secret.path("metadata").path("name").asText(), keys);
        });
        Map<String, Set<String>> configMapFiles = new HashMap<>();
        kustomization.path("configMapGenerator").forEach(generator -> {
            Set<String> keys = new TreeSet<>();
            generator.path("files").forEach(entry -> {
                String[] parts = entry.asText().split("=", 2);
                keys.add(parts[0]);
                Path source = base.resolve(parts[parts.length - 1]);
                if (!Files.isRegularFile(source)) {
                    problems.add("kustomization: configMapGenerator file " + source + " does not exist");
                }
            });
            configMapFiles.put(generator.path("name").asText(), keys);
        });
        Set<String> images = new TreeSet<>();
        kustomization.path("images").forEach(image -> images.add(image.path("name").asText()));

        Map<String, Integer> servicePorts = new HashMap<>();
        for (String name : KUBERNETES_SERVICES) {
            JsonNode service = byKindAndName.get("Service/joinery-" + name);
            if (service != null) {
                servicePorts.put("joinery-" + name, service.path("spec").path("ports").path(0).path("port").asInt());
            }
        }
        for (Service service : SERVICES) {
            if (!KUBERNETES_SERVICES.contains(service.name())) {
                continue;
            }
            String name = "joinery-" + service.name();
            JsonNode deployment = byKindAndName.get("Deployment/" + name);
            JsonNode kubeService = byKindAndName.get("Service/" + name);
            if (deployment == null || kubeService == null) {
                problems.add("deploy: no Deployment and Service named " + name);
                continue;
            }
            deployment(service, deployment, kubeService, secretKeys, configMapFiles, images, servicePorts);
        }
        for (String name : KUBERNETES_SERVICES) {
            scaling("joinery-" + name, byKindAndName);
        }
        Map<String, String> labels = new HashMap<>();
        kustomization.path("labels").forEach(entry -> entry.path("pairs").fields()
                .forEachRemaining(pair -> labels.put(pair.getKey(), pair.getValue().asText())));
        new ObservabilityCheck(filesRoot, problems).kubernetes(byKindAndName, labels, secretKeys);
        Path demoMetadata = filesRoot.resolve("examples/demo/gateway-metadata.json");
        Path deployedMetadata = base.resolve("gateway-metadata.json");
        if (Files.isRegularFile(deployedMetadata)
                && !json(read(demoMetadata), "demo").equals(json(read(deployedMetadata), "deploy"))) {
            problems.add("deploy/base/gateway-metadata.json differs from examples/demo/gateway-metadata.json");
        }
    }

    private void deployment(Service service, JsonNode deployment, JsonNode kubeService, Map<String, Set<String>> secretKeys,
                            Map<String, Set<String>> configMapFiles, Set<String> images,
                            Map<String, Integer> servicePorts) {
        String where = "deploy " + deployment.path("metadata").path("name").asText();
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");
        selector.fields().forEachRemaining(label -> {
            if (!pod.path("metadata").path("labels").path(label.getKey()).asText().equals(label.getValue().asText())) {
                problems.add(where + ": the selector's label " + label.getKey() + " is not on the pod template");
            }
        });
        if (!kubeService.path("spec").path("selector").equals(selector)) {
            problems.add(where + ": the Service's selector " + kubeService.path("spec").path("selector")
                    + " differs from the Deployment's " + selector);
        }
        JsonNode container = pod.path("spec").path("containers").path(0);
        String image = container.path("image").asText().split(":")[0];
        if (!image.equals("joinery/" + service.name()) || !images.contains(image)) {
            problems.add(where + ": image " + image + " is not joinery/" + service.name() + " (set in kustomization images)");
        }
        Map<String, String> env = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        container.path("env").forEach(variable -> {
            env.put(variable.path("name").asText(), variable.path("value").asText(""));
            JsonNode secretRef = variable.path("valueFrom").path("secretKeyRef");
            sources.put(variable.path("name").asText(), secretRef.isMissingNode() ? variable.path("value").asText("")
                    : "secret " + secretRef.path("name").asText() + "/" + secretRef.path("key").asText());
            if (!secretRef.isMissingNode() && !secretKeys.getOrDefault(secretRef.path("name").asText(), Set.of())
                    .contains(secretRef.path("key").asText())) {
                problems.add(where + ": " + variable.path("name").asText() + " refers to secret key "
                        + secretRef.path("name").asText() + "/" + secretRef.path("key").asText() + ", which does not exist");
            }
        });
        int port = envPort(where, service, env);
        variables(where, service, env.keySet());
        if (service.name().equals("gateway")) {
            ownAdminSecret(where, sources);
        }
        Map<String, Integer> namedPorts = new HashMap<>();
        container.path("ports").forEach(p -> namedPorts.put(p.path("name").asText(), p.path("containerPort").asInt()));
        if (!namedPorts.containsValue(port)) {
            problems.add(where + ": containerPort " + namedPorts.values() + ", it listens on " + port);
        }
        JsonNode targetPort = kubeService.path("spec").path("ports").path(0).path("targetPort");
        int target = targetPort.isInt() ? targetPort.asInt() : namedPorts.getOrDefault(targetPort.asText(), -1);
        if (target != port) {
            problems.add(where + ": the Service's targetPort " + targetPort.asText() + " is not the container's port " + port);
        }
        JsonNode readiness = container.path("readinessProbe").path("httpGet");
        if (!routes(service, readiness.path("path").asText("(none)"))) {
            problems.add(where + ": readinessProbe path " + readiness.path("path").asText("(none)") + " is not routed by "
                    + service.serverSource());
        }
        if (probePort(readiness.path("port"), namedPorts) != port) {
            problems.add(where + ": readinessProbe port " + readiness.path("port").asText() + " is not " + port);
        }
        JsonNode liveness = container.path("livenessProbe").path("tcpSocket");
        if (liveness.isMissingNode() || probePort(liveness.path("port"), namedPorts) != port) {
            problems.add(where + ": livenessProbe is not a tcpSocket on port " + port);
        }
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (container.path("resources").path(kind).path(resource).isMissingNode()) {
                    problems.add(where + ": no resources." + kind + "." + resource);
                }
            }
        }
        Map<String, String> configMapVolumes = new HashMap<>();
        pod.path("spec").path("volumes").forEach(volume -> {
            if (volume.has("configMap")) {
                String configMap = volume.path("configMap").path("name").asText();
                configMapVolumes.put(volume.path("name").asText(), configMap);
                if (!configMapFiles.containsKey(configMap)) {
                    problems.add(where + ": volume " + volume.path("name").asText() + " uses ConfigMap " + configMap
                            + ", which the kustomization does not generate");
                }
            }
        });
        replicas(where, deployment, pod);
        if (service.name().equals("gateway")) {
            String metadata = env.getOrDefault("JOINERY_METADATA", "");
            boolean mounted = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                String configMap = configMapVolumes.get(mount.path("name").asText());
                String prefix = mount.path("mountPath").asText() + "/";
                if (configMap != null && metadata.startsWith(prefix)
                        && configMapFiles.get(configMap).contains(metadata.substring(prefix.length()))) {
                    mounted = true;
                    if (!mount.path("readOnly").asBoolean()) {
                        problems.add(where + ": the metadata mount is not readOnly");
                    }
                }
            }
            if (!mounted) {
                problems.add(where + ": JOINERY_METADATA " + metadata + " is not a file of a mounted generated ConfigMap");
            }
        }
        urls(where, env, host -> Optional.ofNullable(servicePorts.get(host)));
    }

    /**
     * Replicas of both services run side by side (SPEC §14): 2 or more, rolled one by one (never
     * `Recreate`), and given longer than the servers' drain bound to stop on SIGTERM.
     */
    private void replicas(String where, JsonNode deployment, JsonNode pod) {
        if (deployment.path("spec").path("replicas").asInt() < 2) {
            problems.add(where + ": fewer than 2 replicas");
        }
        if (deployment.path("spec").path("strategy").path("type").asText("RollingUpdate").equals("Recreate")) {
            problems.add(where + ": strategy Recreate (replicas roll one by one; leases make it safe)");
        }
        long grace = pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        if (grace <= FrontDoor.DRAIN_TIMEOUT.toSeconds()) {
            problems.add(where + ": terminationGracePeriodSeconds " + grace + " leaves no time to drain "
                    + FrontDoor.DRAIN_TIMEOUT.toSeconds() + " s of requests in flight");
        }
    }

    private void scaling(String name, Map<String, JsonNode> byKindAndName) {
        JsonNode hpa = byKindAndName.get("HorizontalPodAutoscaler/" + name);
        if (hpa == null || !hpa.path("spec").path("scaleTargetRef").path("name").asText().equals(name)
                || hpa.path("spec").path("minReplicas").asInt() < 2) {
            problems.add("deploy: no HorizontalPodAutoscaler of Deployment " + name + " with minReplicas >= 2");
        }
        JsonNode pdb = byKindAndName.get("PodDisruptionBudget/" + name);
        JsonNode deployment = byKindAndName.get("Deployment/" + name);
        if (pdb == null || deployment == null || !pdb.path("spec").path("selector")
                .equals(deployment.path("spec").path("selector"))) {
            problems.add("deploy: no PodDisruptionBudget selecting the " + name + " pods");
        }
    }

    // ---- shared checks

    private int envPort(String where, Service service, Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault(service.portVariable(), ""));
        } catch (NumberFormatException e) {
            problems.add(where + ": " + service.portVariable() + " is not set to a port number");
            return -1;
        }
    }

    /** Every variable is one the code or the metadata reads; every variable the metadata reads is set. */
    private void variables(String where, Service service, Set<String> names) {
        Set<String> known = knownVariables(service);
        for (String name : new TreeSet<>(names)) {
            if (!known.contains(name)) {
                problems.add(where + ": environment variable " + name + " is read by neither " + service.configSource()
                        + " nor its metadata");
            }
        }
        for (String needed : metadataVariables(service)) {
            if (!names.contains(needed)) {
                problems.add(where + ": the metadata reads " + needed + ", which is not set");
            }
        }
    }

    /**
     * SPEC §9.1: the gateway faces end users with an admin secret of its own; the child's admin
     * secret (`CHILD_ADMIN_SECRET`, sent by the gateway from its metadata) must not also open the
     * gateway.
     */
    private void ownAdminSecret(String where, Map<String, String> env) {
        String own = env.getOrDefault("JOINERY_ADMIN_SECRET", "");
        if (own.isEmpty()) {
            problems.add(where + ": the gateway has no JOINERY_ADMIN_SECRET of its own");
        } else if (own.equals(env.get("CHILD_ADMIN_SECRET"))) {
            problems.add(where + ": JOINERY_ADMIN_SECRET is the child's admin secret (CHILD_ADMIN_SECRET); "
                    + "give the gateway its own");
        }
    }

    /** URLs in the environment that name another service must use that service's port. */
    private void urls(String where, Map<String, String> env, java.util.function.Function<String, Optional<Integer>> portOf) {
        env.forEach((name, value) -> {
            if (!value.startsWith("http://")) {
                return;
            }
            URI uri = URI.create(value);
            portOf.apply(uri.getHost()).ifPresent(port -> {
                if (uri.getPort() != port) {
                    problems.add(where + ": " + name + " " + value + " uses port " + uri.getPort() + ", "
                            + uri.getHost() + " listens on " + port);
                }
            });
        });
    }

    private static int probePort(JsonNode port, Map<String, Integer> namedPorts) {
        return port.isInt() ? port.asInt() : namedPorts.getOrDefault(port.asText(), -1);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> texts.add(item.asText()));
        } else {
            texts.add(node.asText());
        }
        return texts;
    }

    /** Every YAML document of {@code file}. */
    static List<JsonNode> yamlDocuments(Path file) {
        return yaml(file);
    }

    private static List<JsonNode> yaml(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> all = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    all.add(document);
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    private static JsonNode json(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + what, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
