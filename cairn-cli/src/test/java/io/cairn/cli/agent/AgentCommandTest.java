package io.cairn.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn agent --config} in a child JVM: serves the API, and SIGTERM stops it gracefully with exit status 0 or 143. */
class AgentCommandTest {
    private static final Pattern LISTENING = Pattern.compile("API on http://([0-9.]+):(\\d+)");

    @TempDir
    Path temp;

    @Test
    void runsInTheForegroundAndStopsOnSigterm() throws Exception {
        Path repository = temp.resolve("repo");
        try (Repository ignored = Repository.init(RepositoryLocation.parse(repository.toString()).open(), Passphrase.of("pw-123"),
                InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1)))) {
            // created
        }
        Path config = temp.resolve("cairn.yaml");
        Files.writeString(config, "repository: { url: \"" + repository + "\", password: \"${CAIRN_PASSWORD}\" }\n"
                + "agent: { listen: \"127.0.0.1:0\", state: \"" + temp.resolve("state") + "\", tokens: { viewer: \"${VIEWER}\" } }\n"
                + "schedules:\n  - { name: check, cron: \"0 5 * * *\", run: check }\n");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.cairn.cli.Main", "agent", "--config", config.toString())
                .redirectErrorStream(true);
        builder.environment().put("CAIRN_PASSWORD", "pw-123");
        builder.environment().put("VIEWER", "viewer-secret-1");
        Process agent = builder.start();
        try {
            CompletableFuture<Matcher> listening = new CompletableFuture<>();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        Matcher matcher = LISTENING.matcher(line);
                        if (matcher.find()) {
                            listening.complete(matcher);
                        }
                    }
                } catch (Exception e) {
                    listening.completeExceptionally(e);
                }
                listening.completeExceptionally(new IllegalStateException("agent exited: " + output));
            });
            reader.setDaemon(true);
            reader.start();
            Matcher address = listening.get(60, TimeUnit.SECONDS);
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + address.group(1) + ":" + address.group(2) + "/api/status"))
                    .header("Authorization", "Bearer viewer-secret-1").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"schedules\" : 1");

            agent.destroy();
            assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(agent.exitValue()).isIn(0, 143);
            assertThat(Files.exists(temp.resolve("state").resolve("runs.jsonl"))).isTrue();
            // the stopped agent released the port: nothing answers any more
            assertThat(agent.isAlive()).isFalse();
        } finally {
            agent.destroyForcibly();
        }
    }
}
