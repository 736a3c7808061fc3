package io.cairn.testkit;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit 5 lifecycle shared by the kit's extensions. Registered on a static field, the server
 * starts in beforeAll and is stopped and deleted in afterAll of the same class (also when tests
 * fail); on an instance field, it starts in beforeEach and is closed in afterEach. A test that
 * stopped or killed the server finds it started again before the next test.
 */
public abstract class ServerExtension
        implements TestServer, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The unique id of the context that started the server; only that context closes it. */
    private volatile Optional<String> owner = Optional.empty();

    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (owner.isEmpty()) {
            startFor(context);
        } else if (!isRunning()) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeFor(context);
    }

    private synchronized void startFor(ExtensionContext context) {
        if (owner.isPresent()) {
            if (!isRunning()) {
                start();
            }
            return;
        }
        owner = Optional.of(context.getUniqueId());
        start();
    }

    private synchronized void closeFor(ExtensionContext context) {
        if (owner.isPresent() && owner.get().equals(context.getUniqueId())) {
            owner = Optional.empty();
            close();
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }
}
