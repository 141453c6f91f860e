package io.joinery.gateway;

import io.joinery.core.http.NettySettings;
import io.joinery.core.metadata.InconsistencyReport;
import io.joinery.core.observe.ObservabilityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** `java -jar joinery-gateway.jar`: configuration from the environment (DESIGN). */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(String[] args) {
        NettySettings.forService();
        GatewayConfig config;
        try {
            config = GatewayConfig.fromEnv(System::getenv);
            RemoteSchemaPermissionsConfig.fromEnv(System::getenv); // a bad value stops the start here, with its message
            ObservabilityConfig.fromEnv(System::getenv);
        } catch (IllegalArgumentException e) {
            System.err.println("joinery-gateway: " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(config);
        } catch (io.joinery.core.error.JoineryException e) {
            LOG.error("cannot start: metadata file {}: {} (at {})", config.metadataFile().toAbsolutePath(),
                    e.getMessage(), e.path());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "joinery-gateway-shutdown"));
        if (!gateway.store().current().isConsistent()) {
            LOG.warn("inconsistent metadata: {}", InconsistencyReport.of(gateway.store().current().inconsistencies()));
        }
        gateway.onDispose();
    }
}
