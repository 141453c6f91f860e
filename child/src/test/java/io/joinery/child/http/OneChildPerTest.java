package io.joinery.child.http;

import io.joinery.child.db.Database;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that start their own child on a database they prepared (`@RegisterExtension` on an
 * instance field): {@link #start} closes the child started before, if any, and the last one is
 * closed after the test.
 */
final class OneChildPerTest implements AfterEachCallback {
    private ChildTestServer child;

    ChildTestServer start(Database database) {
        close();
        child = new ChildTestServer(database, Optional.empty());
        return child;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    private void close() {
        if (child != null) {
            child.close();
            child = null;
        }
    }
}
