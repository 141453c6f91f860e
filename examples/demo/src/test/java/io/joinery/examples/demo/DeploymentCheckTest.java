package io.joinery.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml, the Dockerfiles and deploy/base agree with the code; a drifted copy does not. */
class DeploymentCheckTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final List<String> FILES = List.of("docker-compose.yml", "child/Dockerfile", "gateway/Dockerfile",
            "examples/action-handler/Dockerfile", "examples/demo/child-metadata.json",
            "examples/demo/gateway-metadata.json", "deploy/base/kustomization.yaml", "deploy/base/secret.yaml",
            "deploy/base/child.yaml", "deploy/base/gateway.yaml", "deploy/base/gateway-metadata.json",
            "deploy/observability/prometheus.yml", "deploy/monitoring/kustomization.yaml",
            "deploy/monitoring/servicemonitor.yaml");

    @TempDir
    Path copy;

    @Test
    void theRepositorysFiles_agreeWithTheCode() {
        assertThat(DeploymentCheck.problems(ROOT, ROOT)).isEmpty();
    }

    @Test
    void theVariablesAreReadFromTheCodeAndTheMetadata() {
        DeploymentCheck.Service child = DeploymentCheck.SERVICES.get(0);
        DeploymentCheck.Service gateway = DeploymentCheck.SERVICES.get(1);
        assertThat(checkOf().knownVariables(child))
                .contains("JOINERY_PORT", "JOINERY_DATABASE_URL", "JOINERY_ADMIN_SECRET", "ACTION_HANDLER_URL")
                .doesNotContain("CHILD_ADMIN_SECRET");
        assertThat(checkOf().metadataVariables(gateway)).containsExactly("CHILD_ADMIN_SECRET", "CHILD_GRAPHQL_URL");
        // authentication is read by core for both servers, under Joinery's names and Hasura's (SPEC §9)
        for (DeploymentCheck.Service server : List.of(child, gateway)) {
            assertThat(checkOf().knownVariables(server)).as(server.name())
                    .contains("JOINERY_JWT_SECRET", "JOINERY_AUTH_HOOK", "JOINERY_AUTH_HOOK_MODE", "JOINERY_UNAUTHORIZED_ROLE",
                            "HASURA_GRAPHQL_ADMIN_SECRET", "HASURA_GRAPHQL_JWT_SECRET", "HASURA_GRAPHQL_CORS_DOMAIN");
        }
        assertThat(checkOf().knownVariables(DeploymentCheck.SERVICES.get(2))).doesNotContain("JOINERY_JWT_SECRET");
    }

    static Stream<Arguments> drifts() {
        return Stream.of(
                Arguments.of("docker-compose.yml", "JOINERY_DATABASE_URL:", "JOINERY_DB_URL:",
                        "compose child: environment variable JOINERY_DB_URL is read by neither"),
                Arguments.of("docker-compose.yml", "http://localhost:8080/healthz", "http://localhost:8080/health",
                        "compose gateway: the healthcheck calls /health, which"),
                Arguments.of("docker-compose.yml", "\"8081:8081\"", "\"8081:9000\"",
                        "compose child: publishes container port 9000, it listens on 8081"),
                Arguments.of("docker-compose.yml", "  action-handler:\n", "  handler:\n",
                        "compose: services are [child, gateway, handler, postgres]"),
                Arguments.of("docker-compose.yml", "CHILD_GRAPHQL_URL: http://child:8081/v1/graphql\n      CHILD_ADMIN_SECRET: ${JOINERY_ADMIN_SECRET:-demo-admin-secret}\n    volumes",
                        "CHILD_GRAPHQL_URL: http://child:8081/v1/graphql\n    volumes",
                        "compose gateway: the metadata reads CHILD_ADMIN_SECRET, which is not set"),
                Arguments.of("docker-compose.yml", "http://action-handler:3000", "http://action-handler:3001",
                        "compose child: ACTION_HANDLER_URL http://action-handler:3001 uses port 3001, action-handler listens on 3000"),
                Arguments.of("gateway/Dockerfile", "EXPOSE 8080", "EXPOSE 8000", "gateway/Dockerfile: EXPOSE is not 8080"),
                Arguments.of("child/Dockerfile", "USER 10001", "USER root",
                        "child/Dockerfile: the runtime image does not switch to a non-root USER"),
                Arguments.of("deploy/base/gateway.yaml", "path: /healthz", "path: /ready",
                        "deploy joinery-gateway: readinessProbe path /ready is not routed by"),
                Arguments.of("deploy/base/gateway.yaml", "containerPort: 8080", "containerPort: 8090",
                        "deploy joinery-gateway: containerPort [8090], it listens on 8080"),
                Arguments.of("deploy/base/child.yaml", "- name: JOINERY_ADMIN_SECRET", "- name: JOINERY_SECRET",
                        "deploy joinery-child: environment variable JOINERY_SECRET is read by neither"),
                Arguments.of("deploy/base/child.yaml", "key: database-url", "key: database_url",
                        "refers to secret key joinery-secrets/database_url, which does not exist"),
                Arguments.of("deploy/base/child.yaml", "tcpSocket:", "exec:",
                        "deploy joinery-child: livenessProbe is not a tcpSocket on port 8081"),
                Arguments.of("deploy/base/gateway.yaml", "value: http://joinery-child:8081/v1/graphql",
                        "value: http://joinery-child:80/v1/graphql",
                        "deploy joinery-gateway: CHILD_GRAPHQL_URL http://joinery-child:80/v1/graphql uses port 80"),
                Arguments.of("deploy/base/gateway.yaml", "replicas: 2", "replicas: 1",
                        "deploy joinery-gateway: fewer than 2 replicas"),
                Arguments.of("deploy/base/child.yaml", "replicas: 2", "replicas: 1",
                        "deploy joinery-child: fewer than 2 replicas"),
                Arguments.of("deploy/base/child.yaml", "  replicas: 2\n", "  replicas: 2\n  strategy:\n    type: Recreate\n",
                        "deploy joinery-child: strategy Recreate"),
                Arguments.of("deploy/base/child.yaml", "terminationGracePeriodSeconds: 40", "terminationGracePeriodSeconds: 10",
                        "deploy joinery-child: terminationGracePeriodSeconds 10 leaves no time to drain"),
                Arguments.of("deploy/base/gateway.yaml", "terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 5",
                        "deploy joinery-gateway: terminationGracePeriodSeconds 5 leaves no time to drain"),
                Arguments.of("deploy/base/child.yaml", "kind: HorizontalPodAutoscaler", "kind: HorizontalPodAutoscalerX",
                        "deploy: no HorizontalPodAutoscaler of Deployment joinery-child with minReplicas >= 2"),
                Arguments.of("deploy/base/child.yaml", "kind: PodDisruptionBudget", "kind: PodDisruptionBudgetX",
                        "deploy: no PodDisruptionBudget selecting the joinery-child pods"),
                Arguments.of("deploy/base/gateway-metadata.json", "\"timeout_seconds\": 30", "\"timeout_seconds\": 31",
                        "deploy/base/gateway-metadata.json differs from examples/demo/gateway-metadata.json"),
                Arguments.of("docker-compose.yml", "JOINERY_ADMIN_SECRET: ${JOINERY_GATEWAY_ADMIN_SECRET:-demo-gateway-secret}",
                        "JOINERY_ADMIN_SECRET: ${JOINERY_ADMIN_SECRET:-demo-admin-secret}",
                        "compose gateway: JOINERY_ADMIN_SECRET is the child's admin secret (CHILD_ADMIN_SECRET)"),
                Arguments.of("docker-compose.yml", "      JOINERY_ADMIN_SECRET: ${JOINERY_GATEWAY_ADMIN_SECRET:-demo-gateway-secret}\n", "",
                        "compose gateway: the gateway has no JOINERY_ADMIN_SECRET of its own"),
                Arguments.of("deploy/base/gateway.yaml", "key: gateway-admin-secret", "key: admin-secret",
                        "deploy joinery-gateway: JOINERY_ADMIN_SECRET is the child's admin secret (CHILD_ADMIN_SECRET)"),
                Arguments.of("deploy/base/gateway.yaml", "- name: JOINERY_JWT_SECRET", "- name: JOINERY_JWT_SECRETS",
                        "deploy joinery-gateway: environment variable JOINERY_JWT_SECRETS is read by neither"),
                Arguments.of("deploy/base/gateway.yaml", "key: jwt-secret", "key: jwt",
                        "refers to secret key joinery-secrets/jwt, which does not exist"),
                // the observability profile and the ServiceMonitor (SPEC §13)
                Arguments.of("docker-compose.yml", "    profiles: [\"observability\"]\n    volumes:", "    volumes:",
                        "compose: services are [action-handler, child, gateway, postgres, prometheus]"),
                Arguments.of("docker-compose.yml", "      OTEL_TRACES_EXPORTER: ${OTEL_TRACES_EXPORTER:-none}\n      OTEL_METRICS_EXPORTER: none\n      OTEL_LOGS_EXPORTER: none\n      OTEL_EXPORTER_OTLP_ENDPOINT: http://jaeger:4318\n      OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf\n    volumes",
                        "      OTEL_TRACES_EXPORTER: ${OTEL_TRACES_EXPORTER:-otlp}\n      OTEL_METRICS_EXPORTER: none\n      OTEL_LOGS_EXPORTER: none\n      OTEL_EXPORTER_OTLP_ENDPOINT: http://jaeger:4318\n      OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf\n    volumes",
                        "compose child: OTEL_TRACES_EXPORTER ${OTEL_TRACES_EXPORTER:-otlp} exports traces without the observability profile"),
                Arguments.of("docker-compose.yml", "OTEL_EXPORTER_OTLP_ENDPOINT: http://jaeger:4318\n      OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf\n    volumes",
                        "OTEL_EXPORTER_OTLP_ENDPOINT: http://jaeger:4317\n      OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf\n    volumes",
                        "compose child: OTLP over http/protobuf goes to port 4318, not 4317"),
                Arguments.of("docker-compose.yml", "image: jaegertracing/all-in-one:1.60.0", "image: jaegertracing/all-in-one:latest",
                        "compose jaeger: image jaegertracing/all-in-one:latest has no pinned version"),
                Arguments.of("deploy/observability/prometheus.yml", "targets: [\"child:8081\"]", "targets: [\"child:9000\"]",
                        "deploy/observability/prometheus.yml: no scrape job targets child:8081 (the child)"),
                Arguments.of("deploy/observability/prometheus.yml", "credentials: demo-metrics-secret\n    static_configs:\n      - targets: [\"gateway",
                        "credentials: demo-admin-secret\n    static_configs:\n      - targets: [\"gateway",
                        "job joinery-gateway: scrapes gateway:8080 with a bearer token that is not the gateway's JOINERY_METRICS_SECRET"),
                Arguments.of("deploy/observability/prometheus.yml", "metrics_path: /v1/metrics\n    authorization:\n      type: Bearer\n      credentials: demo-metrics-secret\n    static_configs:\n      - targets: [\"child",
                        "metrics_path: /metrics\n    authorization:\n      type: Bearer\n      credentials: demo-metrics-secret\n    static_configs:\n      - targets: [\"child",
                        "job joinery-child: metrics_path /metrics is not /v1/metrics"),
                Arguments.of("deploy/base/child.yaml", "prometheus.io/path: /v1/metrics", "prometheus.io/path: /metrics",
                        "deploy joinery-child: the Service lacks prometheus.io/scrape"),
                Arguments.of("deploy/base/gateway.yaml", "- name: JOINERY_METRICS_SECRET", "- name: JOINERY_METRICS_TOKEN",
                        "deploy joinery-gateway: JOINERY_METRICS_SECRET is not set from a Secret"),
                Arguments.of("deploy/monitoring/servicemonitor.yaml", "- port: http", "- port: web",
                        "deploy/monitoring: the ServiceMonitor scrapes port web, the Services' port is named http"),
                Arguments.of("deploy/monitoring/servicemonitor.yaml", "key: metrics-secret", "key: admin-secret",
                        "deploy/monitoring: the ServiceMonitor's bearer token joinery-secrets/admin-secret is not the servers' JOINERY_METRICS_SECRET"),
                Arguments.of("deploy/monitoring/servicemonitor.yaml", "app.kubernetes.io/part-of: joinery\n  endpoints",
                        "app.kubernetes.io/part-of: joinery-stack\n  endpoints",
                        "deploy/monitoring: the ServiceMonitor's selector label app.kubernetes.io/part-of=joinery-stack does not select Service joinery-child"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("drifts")
    void aDriftedCopy_fails(String file, String from, String to, String expectedProblem) throws IOException {
        for (String name : FILES) {
            Files.createDirectories(copy.resolve(name).getParent());
            Files.copy(ROOT.resolve(name), copy.resolve(name));
        }
        String text = Files.readString(copy.resolve(file));
        assertThat(text).as("the drift applies to " + file).contains(from);
        Files.writeString(copy.resolve(file), text.replace(from, to));

        assertThat(DeploymentCheck.problems(ROOT, ROOT)).as("the original still passes").isEmpty();
        assertThat(DeploymentCheck.problems(ROOT, copy)).anySatisfy(problem -> assertThat(problem).contains(expectedProblem));
    }

    private static DeploymentCheck checkOf() {
        return DeploymentCheck.of(ROOT, ROOT);
    }
}
