package io.cairn.core;

import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import io.cairn.testkit.TestServer;
import io.cairn.testkit.net.ClosedPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds small configurations for integration tests, with short timeouts and the password in ${PW_<id>}. */
final class TestConfigs {
    /** Short bounds so failure tests finish quickly; every retry is still exercised. */
    static final String FAST = "connect-timeout: 2s, query-timeout: 10s, pool: { max: 4, connection-timeout: 1s }, "
            + "retry: { attempts: 3, initial-backoff: 100ms, max-backoff: 1s }";

    private final StringBuilder yaml = new StringBuilder("databases:\n");
    private final Map<String, String> env = new HashMap<>();

    static TestConfigs databases() {
        return new TestConfigs();
    }

    TestConfigs add(String id, String type, TestServer server) {
        return add(id, type, server.cairnUrl(), server.password());
    }

    TestConfigs add(String id, String type, String url, String password) {
        return add(id, type, url, password, FAST);
    }

    TestConfigs add(String id, String type, String url, String password, String settings) {
        String variable = "PW_" + id.toUpperCase().replace('-', '_');
        yaml.append("  ").append(id).append(": { type: ").append(type).append(", url: \"").append(url).append('"');
        if (password != null && !password.isEmpty()) {
            yaml.append(", password: \"${").append(variable).append("}\"");
            env.put(variable, password);
        }
        yaml.append(", ").append(settings).append(" }\n");
        return this;
    }

    CairnConfig config() {
        return CairnConfig.parse(yaml.toString(), "cairn.yaml", Environment.of(env));
    }

    /** A loopback port nothing listens on (bound then released). */
    static int closedPort() {
        return ClosedPort.find();
    }

    /** A sleeper that records each wait instead of waiting. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            waits.add(duration);
        }

        synchronized List<Duration> waits() {
            return List.copyOf(waits);
        }
    }
}
