package io.cairn.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every configuration mistake gives one line naming the file, the key and the fix. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    private static String error(String yaml) {
        return error(yaml, Map.of());
    }

    private static String error(String yaml, Map<String, String> env) {
        CairnException e = catchThrowableOfType(() -> CairnConfig.parse(yaml, "cairn.yaml", Environment.of(env)),
                CairnException.class);
        assertThat(e).as("expected a configuration error").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("cairn.yaml: ");
        return e.getMessage();
    }

    private static String db(String body) {
        return "databases:\n  main: { " + body + " }\n";
    }

    @Test
    void badYamlNamesTheLine() {
        String message = error("databases:\n  main:\n    type: postgresql\n   url: [unclosed\n");

        assertThat(message).startsWith("cairn.yaml: line ").contains("column").contains("fix the YAML syntax");
    }

    @Test
    void tabIndentationIsASyntaxErrorWithALine() {
        assertThat(error("databases:\n\tmain: {}\n")).startsWith("cairn.yaml: line 2");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(error("databases:\n  main: { type: redis, url: \"redis://h\" }\n  main: { type: redis, url: \"redis://h\" }\n"))
                .contains("line 3").contains("main");
    }

    @Test
    void emptyFileIsExplained() {
        assertThat(error("# nothing here\n")).isEqualTo("cairn.yaml: the file is empty (add a databases: section, see docs/configuration.md)");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(error("- a\n- b\n")).contains("expected a mapping of sections at the top");
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
        // each capability adds its section to the list: the message lists them all, in declaration order
        assertThat(error("databse:\n  main: {}\n")).isEqualTo("cairn.yaml: databse: unknown key (did you mean 'databases'? "
                + "valid keys: " + String.join(", ", CairnConfig.TOP_LEVEL_KEYS) + ")")
                .contains("valid keys: databases, repository, agent, schedules, retention, wal, alerts, migrations");
    }

    @Test
    void unknownNestedKeySuggestsTheClosest() {
        assertThat(error(db("type: postgresql, url: \"postgresql://app@h/app\", pool: { maxx: 3 }")))
                .isEqualTo("cairn.yaml: databases.main.pool.maxx: unknown key (did you mean 'max'? valid keys: max, min-idle, "
                        + "connection-timeout, idle-timeout, max-lifetime)");
        assertThat(error(db("type: redis, url: \"redis://h\", conectTimeout: 2s")))
                .startsWith("cairn.yaml: databases.main.conectTimeout: unknown key (did you mean 'connect-timeout'?");
    }

    @Test
    void unknownKeyFarFromAnyValidOneListsThemWithoutGuessing() {
        assertThat(error(db("type: redis, url: \"redis://h\", colour: blue")))
                .isEqualTo("cairn.yaml: databases.main.colour: unknown key (valid keys: type, url, password, pool, "
                        + "connect-timeout, query-timeout, retry, health, cluster)");
    }

    @Test
    void unknownTypeListsTheValidOnes() {
        assertThat(error(db("type: postgres, url: \"postgresql://app@h/app\"")))
                .isEqualTo("cairn.yaml: databases.main.type: unknown value \"postgres\" (did you mean 'postgresql'? "
                        + "valid values: postgresql, mariadb, mysql, redis, mongodb)");
        assertThat(error(db("type: oracle, url: \"x://h\""))).contains("valid values: postgresql, mariadb, mysql, redis, mongodb");
    }

    @Test
    void missingTypeAndUrlSayWhatToAdd() {
        assertThat(error(db("url: \"redis://h\""))).isEqualTo("cairn.yaml: databases.main.type: missing "
                + "(set type: to one of postgresql, mariadb, mysql, redis, mongodb)");
        assertThat(error(db("type: redis"))).isEqualTo("cairn.yaml: databases.main.url: missing "
                + "(add it, e.g. url: \"redis://127.0.0.1:6379/0\")");
    }

    @Test
    void wrongTypeShowsTheValueAndAnExample() {
        assertThat(error(db("type: postgresql, url: \"postgresql://app@h/app\", pool: { max: twenty }")))
                .isEqualTo("cairn.yaml: databases.main.pool.max: expected a whole number, got \"twenty\" (example: pool: { max: 10 })");
        assertThat(error(db("type: redis, url: \"redis://h\", connect-timeout: 5")))
                .isEqualTo("cairn.yaml: databases.main.connect-timeout: expected a duration like 500ms, 30s, 5min, 26h, 7d, 2w, 3mo, 1y "
                        + "(m is ambiguous: write min or mo), got 5 "
                        + "(example: main: { connect-timeout: 5s })");
        assertThat(error(db("type: redis, url: \"redis://h\", pool: [1, 2]")))
                .isEqualTo("cairn.yaml: databases.main.pool: expected a mapping, got a list (example: pool: { key: value })");
        assertThat(error("databases:\n  main: postgresql://app@h/app\n"))
                .startsWith("cairn.yaml: databases.main: expected a mapping with type: and url:, got a text value");
    }

    @Test
    void outOfRangeValuesNameTheBounds() {
        assertThat(error(db("type: redis, url: \"redis://h\", pool: { max: 0 }")))
                .isEqualTo("cairn.yaml: databases.main.pool.max: must be between 1 and 10000, got 0 (example: pool: { max: 10 })");
        assertThat(error(db("type: redis, url: \"redis://h\", pool: { max: 5, min-idle: 6 }")))
                .startsWith("cairn.yaml: databases.main.pool.min-idle: must be between 0 and 5, got 6");
        assertThat(error(db("type: redis, url: \"redis://h\", connect-timeout: 10ms")))
                .startsWith("cairn.yaml: databases.main.connect-timeout: must be at least 250ms, got 10ms");
        assertThat(error(db("type: redis, url: \"redis://h\", retry: { jitter: 2 }")))
                .startsWith("cairn.yaml: databases.main.retry.jitter: must be between 0 and 1");
        assertThat(error(db("type: redis, url: \"redis://h\", pool: { idle-timeout: 1h, max-lifetime: 30min }")))
                .startsWith("cairn.yaml: databases.main.pool: pool idle-timeout (1h) must be shorter than max-lifetime (30min)");
    }

    @Test
    void badUrlGivesAnExampleUrl() {
        assertThat(error(db("type: postgresql, url: \"app@127.0.0.1:5432/app\"")))
                .isEqualTo("cairn.yaml: databases.main.url: not a URL (expected scheme://host:port/database) in "
                        + "\"app@127.0.0.1:5432/app\" (example: url: \"postgresql://app@127.0.0.1:5432/app\")");
        assertThat(error(db("type: postgresql, url: \"postgresql://app@127.0.0.1:54x2/app\"")))
                .startsWith("cairn.yaml: databases.main.url: port \"54x2\" is not a number between 1 and 65535");
        assertThat(error(db("type: redis, url: \"redis://127.0.0.1:6379/cache\"")))
                .startsWith("cairn.yaml: databases.main.url: Redis database \"cache\" is not a number");
        assertThat(error(db("type: mongodb, url: \"mongodb://a:27017,b:27017/docs\"")))
                .contains("several hosts are not supported");
    }

    @Test
    void schemeMustMatchType() {
        assertThat(error(db("type: postgresql, url: \"mysql://app@h/app\"")))
                .isEqualTo("cairn.yaml: databases.main.url: scheme \"mysql\" does not match type postgresql "
                        + "(use postgresql://..., e.g. \"postgresql://app@127.0.0.1:5432/app\")");
    }

    @Test
    void passwordInUrlIsRefusedWithoutRepeatingIt() {
        String message = error(db("type: postgresql, url: \"postgresql://app:hunter2@h/app\""));

        assertThat(message).isEqualTo("cairn.yaml: databases.main.url: the URL contains a password "
                + "(remove it from the URL and set password: \"${MAIN_PASSWORD}\" instead)");
        assertThat(error(db("type: mongodb, url: \"mongodb://h/docs?password=hunter2\""))).doesNotContain("hunter2")
                .contains("the URL contains a password");
        assertThat(error(db("type: postgresql, url: \"app:hunter2@h/app\""))).doesNotContain("hunter2");
    }

    @Test
    void missingEnvironmentVariableSaysHowToSetIt() {
        assertThat(error(db("type: postgresql, url: \"postgresql://app@h/app\", password: \"${PGPASSWORD}\"")))
                .isEqualTo("cairn.yaml: databases.main.password: environment variable PGPASSWORD is not set "
                        + "(export it, or use ${file:/path})");
    }

    @Test
    void malformedReferencesAreExplained() {
        assertThat(error(db("type: postgresql, url: \"postgresql://app@h/app\", password: \"${PG PASSWORD}\"")))
                .contains("invalid reference \"${PG PASSWORD}\"");
        assertThat(error(db("type: postgresql, url: \"postgresql://app@h/app\", password: \"${PGPASSWORD\"")))
                .contains("unterminated reference");
    }

    @Test
    void missingSecretFileNamesThePath() {
        Path missing = dir.resolve("nope");

        assertThat(error(db("type: redis, url: \"redis://h\", password: \"${file:" + missing + "}\"")))
                .isEqualTo("cairn.yaml: databases.main.password: secret file " + missing
                        + " does not exist (create it, or fix the path in ${file:...})");
    }

    @Test
    void unreadableSecretFileSaysSo() throws Exception {
        // a directory is never readable as a file, even for root
        Path directory = Files.createDirectory(dir.resolve("secret-dir"));

        assertThat(error(db("type: redis, url: \"redis://h\", password: \"${file:" + directory + "}\"")))
                .startsWith("cairn.yaml: databases.main.password: cannot read secret file " + directory)
                .endsWith("(make it a readable file, or fix the path in ${file:...})");
    }

    @Test
    void missingConfigFileIsAConfigError() {
        CairnException e = catchThrowableOfType(() -> CairnConfig.load(dir.resolve("cairn.yaml")), CairnException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).endsWith("cairn.yaml: configuration file not found (create it, or point to another file with --config)");
    }

    @Test
    void badDatabaseIdIsRefused() {
        assertThat(error("databases:\n  \"main db\": { type: redis, url: \"redis://h\" }\n"))
                .startsWith("cairn.yaml: databases.main db: database id \"main db\" is not allowed");
    }

    @Test
    void ownersValidateTheirSectionsWithTheSameFormat() {
        CairnConfig config = CairnConfig.parse("repository: { path: /b, sise: 3 }\n", "cairn.yaml", Environment.of(Map.of()));
        ConfigSection repository = config.section("repository").orElseThrow();

        CairnException e = catchThrowableOfType(() -> repository.requireOnlyKeys(Keys.of("path", "size")), CairnException.class);
        assertThat(e.getMessage()).isEqualTo("cairn.yaml: repository.sise: unknown key (did you mean 'size'? valid keys: path, size)");
        assertThat(catchThrowableOfType(() -> repository.string("missing"), CairnException.class).getMessage())
                .isEqualTo("cairn.yaml: repository.missing: missing (add it, e.g. repository: { missing: \"text\" })");
        assertThat(catchThrowableOfType(() -> repository.size("path", 0), CairnException.class).getMessage())
                .startsWith("cairn.yaml: repository.path: expected a size like 512KiB, 10MiB, 1GB, got \"/b\"");
    }
}
