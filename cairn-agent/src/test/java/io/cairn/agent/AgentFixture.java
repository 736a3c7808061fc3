package io.cairn.agent;

import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryLocation;
import io.cairn.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A repository in a temp directory, some files to back up, and a config around them. */
final class AgentFixture {
    static final String PASSWORD = "repository-passphrase";
    static final String ADMIN_TOKEN = "admin-token-0123456789";
    static final String VIEWER_TOKEN = "viewer-token-9876543210";

    final Path directory;
    final Path repository;
    final Path data;
    final Path state;
    private final Map<String, String> environment = new HashMap<>();
    /** Extra lines of the agent section, each indented by two spaces. */
    String agentKeys = "";

    AgentFixture(Path directory) throws IOException {
        this.directory = directory;
        this.repository = directory.resolve("repo");
        this.data = directory.resolve("data");
        this.state = directory.resolve("state");
        Files.createDirectories(data);
        Files.writeString(data.resolve("a.txt"), "hello cairn\n".repeat(1000));
        Files.write(data.resolve("b.bin"), new byte[100_000]);
        environment.put("CAIRN_PASSWORD", PASSWORD);
        environment.put("ADMIN_TOKEN", ADMIN_TOKEN);
        environment.put("VIEWER_TOKEN", VIEWER_TOKEN);
        environment.put("PG_PASSWORD", "");
        try (Repository ignored = Repository.init(RepositoryLocation.parse(repository.toString()).open(),
                Passphrase.of(PASSWORD), InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1))
                        .withPackSize(1 << 20).withChunkSizes(16 << 10, 64 << 10, 256 << 10))) {
            // created
        }
    }

    void variable(String name, String value) {
        environment.put(name, value);
    }

    /** The config: repository, agent (tokens, state) and the given extra YAML (schedules, alerts, ...). */
    CairnConfig config(String extraYaml) {
        return CairnConfig.parse(yaml(extraYaml, null), directory.resolve("cairn.yaml").toString(), Environment.of(environment));
    }

    CairnConfig config(String extraYaml, PostgresExtension pg) {
        environment.put("PG_PASSWORD", pg.password());
        return CairnConfig.parse(yaml(extraYaml, pg), directory.resolve("cairn.yaml").toString(), Environment.of(environment));
    }

    String yaml(String extraYaml, PostgresExtension pg) {
        StringBuilder yaml = new StringBuilder();
        if (pg != null) {
            yaml.append("databases:\n  main: { type: postgresql, url: \"").append(pg.cairnUrl())
                    .append("\", password: \"${PG_PASSWORD}\" }\n");
        }
        yaml.append("repository: { url: \"").append(repository).append("\", password: \"${CAIRN_PASSWORD}\" }\n");
        yaml.append("agent:\n  listen: 127.0.0.1:0\n  state: \"").append(state).append("\"\n");
        yaml.append("  tokens: { admin: \"${ADMIN_TOKEN}\", viewer: \"${VIEWER_TOKEN}\" }\n");
        yaml.append(agentKeys);
        yaml.append(extraYaml);
        return yaml.toString();
    }
}
