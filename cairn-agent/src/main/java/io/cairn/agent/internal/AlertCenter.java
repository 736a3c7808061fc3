package io.cairn.agent.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.agent.Alert;
import io.cairn.core.CairnJson;
import io.cairn.core.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open alerts, de-duplicated by key: {@link #raise} of a key that is already open does nothing;
 * {@link #resolve} closes it, and a later raise opens a new alert. Each change goes to the log
 * and, when configured, to a webhook as a JSON POST ({@code {"event": "raised"|"resolved",
 * "alert": {...}}}) retried with backoff on a background thread so a slow receiver never
 * delays the scheduler. Open alerts are also kept in the state directory ({@link AlertStore}):
 * after a restart they are open again without a second notification, and are resolved when the
 * first check finds their condition cleared.
 */
public final class AlertCenter {
    private static final Logger log = LoggerFactory.getLogger(AlertCenter.class);
    private static final int ATTEMPTS = 4;
    private static final int RESOLVED_KEPT = 50;

    private final Clock clock;
    private final Optional<URI> webhook;
    private final ExecutorService sender;
    private final Sleeper sleeper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = CairnJson.mapper();
    private final Map<String, Alert> open = new LinkedHashMap<>();
    private final Deque<Alert> resolved = new ArrayDeque<>();

    private final AlertStore store;

    public AlertCenter(Clock clock, Optional<URI> webhook, ExecutorService sender, Sleeper sleeper, Path stateDirectory) {
        this.clock = clock;
        this.webhook = webhook;
        this.sender = sender;
        this.sleeper = sleeper;
        this.store = new AlertStore(stateDirectory);
        store.load().forEach(alert -> open.put(alert.key(), alert));
    }

    /** Opens an alert unless one with this key is open; returns whether it was new. */
    public boolean raise(String key, Alert.Severity severity, String message) {
        Alert alert;
        synchronized (this) {
            if (open.containsKey(key)) {
                return false;
            }
            alert = new Alert(key, severity, message, clock.instant(), Optional.empty());
            open.put(key, alert);
            store.save(open.values());
        }
        log.warn("alert raised [{}] {}: {}", severity, key, message);
        notify("raised", alert);
        return true;
    }

    /** Closes the alert with this key if open; returns whether one was. */
    public boolean resolve(String key) {
        Alert alert;
        synchronized (this) {
            Alert current = open.remove(key);
            if (current == null) {
                return false;
            }
            alert = new Alert(key, current.severity(), current.message(), current.raisedAt(), Optional.of(clock.instant()));
            store.save(open.values());
            resolved.addFirst(alert);
            while (resolved.size() > RESOLVED_KEPT) {
                resolved.removeLast();
            }
        }
        log.info("alert resolved {}: {}", key, alert.message());
        notify("resolved", alert);
        return true;
    }

    /** Resolves every open alert whose key starts with {@code prefix} and is not in {@code stillTrue}. */
    public void resolveAllExcept(String prefix, java.util.Set<String> stillTrue) {
        List<String> keys;
        synchronized (this) {
            keys = open.keySet().stream().filter(k -> k.startsWith(prefix) && !stillTrue.contains(k)).toList();
        }
        keys.forEach(this::resolve);
    }

    /** Resolves every open alert whose key {@code obsolete} accepts (e.g. of a schedule no longer configured). */
    public void resolveIf(java.util.function.Predicate<String> obsolete) {
        List<String> keys;
        synchronized (this) {
            keys = open.keySet().stream().filter(obsolete).toList();
        }
        keys.forEach(this::resolve);
    }

    public synchronized List<Alert> open() {
        return List.copyOf(open.values());
    }

    public synchronized List<Alert> recentlyResolved() {
        return List.copyOf(resolved);
    }

    private void notify(String event, Alert alert) {
        if (webhook.isEmpty()) {
            return;
        }
        try {
            sender.execute(() -> post(event, alert));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("alert webhook: not sent ({} {}): the agent is stopping", event, alert.key());
        }
    }

    private void post(String event, Alert alert) {
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                String body = json.writeValueAsString(Map.of("event", event, "alert", alert));
                HttpRequest request = HttpRequest.newBuilder(webhook.orElseThrow()).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
                // the URL may carry a token: name the host only
                log.warn("alert webhook {}: HTTP {} for {} {} (attempt {}/{})", webhook.get().getHost(), status, event,
                        alert.key(), attempt, ATTEMPTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("alert webhook {}: {} for {} {} (attempt {}/{})", webhook.get().getHost(), e.getClass().getSimpleName(),
                        event, alert.key(), attempt, ATTEMPTS);
            }
            if (attempt < ATTEMPTS && !pause(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    private boolean pause(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
