package io.cairn.agent.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.cairn.agent.Agent;
import io.cairn.agent.AgentConfig;
import io.cairn.agent.AgentConfig.Role;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP(S) server on the JDK's built-in server: the JSON admin API under /api
 * (bearer-token roles: viewer reads, admin also triggers), /metrics (viewer), and the
 * dashboard's static files (no data in them, so no token). Errors are JSON
 * {@code {"status": 404, "error": "..."}}; secrets never appear in a response.
 */
public final class AdminServer {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final Pattern TRIGGER = Pattern.compile("/api/schedules/([^/]+)/run");
    private static final Map<String, String> STATIC = Map.of("/", "index.html", "/index.html", "index.html",
            "/dashboard.js", "dashboard.js");

    private final HttpServer server;
    private final ExecutorService handlers;
    private final TokenAuthenticator authenticator;
    private final ApiViews views;
    private final Agent agent;
    private final ObjectMapper json = CairnJson.mapper();

    private AdminServer(HttpServer server, ExecutorService handlers, Agent agent, AgentConfig config) {
        this.server = server;
        this.handlers = handlers;
        this.agent = agent;
        this.authenticator = new TokenAuthenticator(config.tokens());
        this.views = new ApiViews(agent);
    }

    public static AdminServer start(Agent agent, AgentConfig config, int port) {
        if (config.tokens().isEmpty()) {
            throw new CairnException(ErrorCode.CONFIG, "agent.tokens: missing; the admin API needs at least one token "
                    + "(e.g. tokens: { admin: \"${file:/run/secrets/cairn-admin}\", viewer: \"${CAIRN_VIEWER_TOKEN}\" })");
        }
        InetSocketAddress address = new InetSocketAddress(config.listenHost(), port);
        HttpServer server;
        try {
            if (config.tls().isPresent()) {
                HttpsServer https = HttpsServer.create(address, 50);
                https.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.create(config.tls().get())));
                server = https;
            } else {
                server = HttpServer.create(address, 50);
            }
        } catch (IOException e) {
            throw new CairnException(ErrorCode.CONFIG, "agent.listen: cannot listen on " + config.listenHost() + ":" + port
                    + ": " + e.getMessage() + " (is another process using the port?)", e);
        }
        ExecutorService handlers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "cairn-agent-http");
            thread.setDaemon(true);
            return thread;
        });
        AdminServer admin = new AdminServer(server, handlers, agent, config);
        server.createContext("/", admin::handle);
        server.setExecutor(handlers);
        server.start();
        log.info("agent API listening on {}://{}", config.tls().isPresent() ? "https" : "http", admin.address());
        return admin;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public void stop() {
        server.stop(1);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        // not try-with-resources: its catch clauses would run after the exchange is closed
        try {
            route(exchange);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (STATIC.containsKey(path)) {
                requireMethod(method, "GET");
                serveStatic(exchange, STATIC.get(path));
            } else if (path.equals("/metrics")) {
                requireMethod(method, "GET");
                authorize(exchange, Role.VIEWER);
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", agent.scrape().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/api/")) {
                api(exchange, method, path);
            } else {
                throw new HttpProblem(404, "no such path: " + path);
            }
        } catch (HttpProblem problem) {
            sendError(exchange, problem.status, problem.getMessage());
        } catch (CairnException e) {
            sendError(exchange, e.code() == ErrorCode.NOT_FOUND ? 404 : e.code() == ErrorCode.LOCKED ? 409 : 500, e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("agent API {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
            sendError(exchange, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void api(HttpExchange exchange, String method, String path) throws IOException {
        Matcher trigger = TRIGGER.matcher(path);
        if (trigger.matches()) {
            requireMethod(method, "POST");
            authorize(exchange, Role.ADMIN);
            drainBody(exchange);
            sendJson(exchange, 202, views.trigger(trigger.group(1)));
            return;
        }
        // resolve the route first (unknown → 404), then check the token, and only then compute the answer
        java.util.function.Supplier<Object> view = switch (path) {
            case "/api/status" -> views::status;
            case "/api/databases" -> views::databases;
            case "/api/snapshots" -> () -> views.snapshots(QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
            case "/api/restore-points" -> () -> views.restorePoints(QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
            case "/api/wal" -> views::wal;
            case "/api/backups" -> () -> views.backups(QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
            case "/api/schedules" -> views::schedules;
            case "/api/runs" -> () -> views.runs(QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
            case "/api/alerts" -> views::alerts;
            default -> throw new HttpProblem(404, "no such API endpoint: " + path
                    + " (see /api/status, /api/databases, /api/backups, /api/restore-points, /api/wal, /api/snapshots,"
                    + " /api/schedules, /api/runs, /api/alerts)");
        };
        requireMethod(method, "GET");
        authorize(exchange, Role.VIEWER);
        sendJson(exchange, 200, view.get());
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new HttpProblem(405, "method " + method + " is not allowed here; use " + allowed);
        }
    }

    private void authorize(HttpExchange exchange, Role required) {
        Optional<String> header = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
        Optional<Role> role = authenticator.authenticate(header);
        if (role.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"cairn-agent\"");
            throw new HttpProblem(401, header.isEmpty() ? "missing Authorization: Bearer <token>" : "invalid token");
        }
        if (!TokenAuthenticator.allows(role.get(), required)) {
            throw new HttpProblem(403, "this needs the " + required.name().toLowerCase() + " role");
        }
    }

    private static void drainBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            if (in.readNBytes(64 * 1024 + 1).length > 64 * 1024) {
                throw new HttpProblem(413, "request body too large");
            }
        }
    }

    private void serveStatic(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = AdminServer.class.getResourceAsStream("/io/cairn/agent/dashboard/" + name)) {
            if (in == null) {
                throw new HttpProblem(404, "no such file: " + name);
            }
            String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8";
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    private void sendError(HttpExchange exchange, int status, String message) {
        try {
            sendJson(exchange, status, Map.of("status", status, "error", message));
        } catch (IOException e) {
            log.debug("agent API: client went away before the error response: {}", e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An HTTP error with the status to send. */
    static final class HttpProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpProblem(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
