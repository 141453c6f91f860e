package io.joinery.core.auth;

import io.joinery.core.http.Cors;
import io.joinery.core.http.FrontDoor;
import io.joinery.core.http.FrontDoorConfig;
import io.joinery.core.http.Route;
import io.joinery.core.http.TestHttp;
import java.util.List;
import java.util.Map;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * Run by {@link FirstVerificationBlockHoundTest} in a JVM of its own, so that nothing has
 * initialised a verifier before: BlockHound on; then, per key family, a front door in JWT mode
 * started as `main` does and ONE request with a token. Prints `BLOCKING ...` for any blocking call
 * on a non-blocking thread, and `SESSION <name> <body>` per family.
 *
 * <p>Arguments: triples of a name, the JWT secret JSON, the token.
 */
public final class FirstVerificationProbe {
    private FirstVerificationProbe() {}

    public static void main(String[] args) {
        BlockHound.install(builder -> builder
                .allowBlockingCallsInside("org.slf4j.simple.SimpleLogger", "write")
                .blockingMethodCallback(method -> {
                    System.out.println("BLOCKING " + method + " on " + Thread.currentThread().getName());
                    new Throwable().printStackTrace(System.out);
                    throw new BlockingOperationError(method);
                }));
        for (int i = 0; i + 2 < args.length; i += 3) {
            DisposableServer server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                    SessionResolver.create(AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "probe",
                            "JOINERY_JWT_SECRET", args[i + 1]))),
                    List.of(Route.api("/whoami", (body, session) -> Mono.just(session.toJson()))));
            TestHttp.Response answer = new TestHttp(server.port()).post("/whoami", "{}",
                    Map.of("Authorization", "Bearer " + args[i + 2]));
            System.out.println("SESSION " + args[i] + " " + answer.body());
            server.disposeNow();
        }
        System.exit(0);
    }
}
