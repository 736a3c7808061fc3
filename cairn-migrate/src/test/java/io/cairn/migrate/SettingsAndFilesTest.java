package io.cairn.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import io.cairn.core.config.DatabaseType;
import io.cairn.migrate.internal.Checksums;
import io.cairn.migrate.internal.MigrationScanner;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import io.cairn.migrate.internal.SettingsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations: section, file naming rules, checksums and `new`, without a server (DataManagers never connect on open). */
class SettingsAndFilesTest {
    @TempDir
    Path dir;

    private static CairnConfig parse(String yaml) {
        return CairnConfig.parse(yaml, "cairn.yaml", Environment.of(Map.of()));
    }

    private static final String DATABASES = """
            databases:
              main:  { type: postgresql, url: "postgresql://app@127.0.0.1:1/app" }
              cache: { type: redis, url: "redis://127.0.0.1:1/0" }
              docs:  { type: mongodb, url: "mongodb://127.0.0.1:1/docs" }
            """;

    @Test
    void defaultsPutEachDatabaseInItsOwnDirectory() {
        Map<String, MigrationSettings> settings = SettingsReader.read(parse(DATABASES));
        MigrationSettings main = settings.get("main");
        assertThat(main.location()).isEqualTo(Path.of("").toAbsolutePath().resolve("migrations/main"));
        assertThat(main.table()).isEqualTo("cairn_schema_history");
        assertThat(main.lockTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.get("cache").redisKey()).isEqualTo("cairn:schema_history");
    }

    @Test
    void sectionAndPerDatabaseOverrides() {
        Map<String, MigrationSettings> settings = SettingsReader.read(parse(DATABASES + """
                migrations:
                  location: db
                  table: app.schema_history
                  lock-timeout: 30s
                  lease: 5s
                  databases:
                    cache: { location: redis-migrations, redis-key: "app:migrations", out-of-order: true }
                """));
        assertThat(settings.get("main").location().toString()).endsWith("/db/main");
        assertThat(settings.get("main").table()).isEqualTo("app.schema_history");
        assertThat(settings.get("main").lease()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.get("cache").location().toString()).endsWith("/redis-migrations");
        assertThat(settings.get("cache").redisKey()).isEqualTo("app:migrations");
        assertThat(settings.get("cache").outOfOrder()).isTrue();
        assertThat(settings.get("cache").lockTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.get("docs").outOfOrder()).isFalse();
    }

    @Test
    void unknownKeysAndDatabasesAreErrorsNamingTheKey() {
        assertThatThrownBy(() -> SettingsReader.read(parse(DATABASES + "migrations: { locaton: db }\n")))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).contains("migrations.locaton").contains("location");
                });
        assertThatThrownBy(() -> SettingsReader.read(parse(DATABASES + "migrations: { databases: { mian: { table: x } } }\n")))
                .hasMessageContaining("migrations.databases.mian").hasMessageContaining("main");
        assertThatThrownBy(() -> SettingsReader.read(parse(DATABASES + "migrations: { databases: { main: { databases: {} } } }\n")))
                .hasMessageContaining("migrations.databases.main.databases");
        assertThatThrownBy(() -> SettingsReader.read(parse(DATABASES + "migrations: { table: \"drop table x;\" }\n")))
                .hasMessageContaining("is not a plain name");
        assertThatThrownBy(() -> SettingsReader.read(parse(DATABASES + "migrations: { lease: 10ms }\n")))
                .hasMessageContaining("migrations.lease").hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> SettingsReader.read(parse(DATABASES + "migrations: { out-of-order: maybe }\n")))
                .hasMessageContaining("migrations.out-of-order");
    }

    @Test
    void relativeLocationsResolveAgainstTheConfigFile() throws Exception {
        Path file = Files.writeString(dir.resolve("cairn.yaml"), DATABASES + "migrations: { location: sql }\n");
        assertThat(SettingsReader.read(CairnConfig.load(file)).get("main").location()).isEqualTo(dir.resolve("sql/main"));
    }

    @Test
    void classpathLocationsReadDirectoriesAndJars() throws Exception {
        Path fromDirectory = SettingsReader.read(parse(DATABASES + "migrations: { location: \"classpath:packaged\" }\n"))
                .get("main").location();
        assertThat(MigrationScanner.scan("main", DatabaseType.POSTGRESQL, fromDirectory, List.of()).versioned())
                .extracting(m -> m.script()).containsExactly("V1__packaged.sql");

        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // directory entries, as jar tools write them
            for (String directory : List.of("db/", "db/main/", "db/main/sub/")) {
                out.putNextEntry(new JarEntry(directory));
            }
            out.putNextEntry(new JarEntry("db/main/V1__one.sql"));
            out.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("db/main/sub/V2__two.sql"));
            out.write("SELECT 2;".getBytes(StandardCharsets.UTF_8));
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            Path fromJar = SettingsReader.read(parse(DATABASES + "migrations: { location: \"classpath:/db/\" }\n"))
                    .get("main").location();
            assertThat(MigrationScanner.scan("main", DatabaseType.POSTGRESQL, fromJar, List.of()).versioned())
                    .extracting(m -> m.script()).containsExactly("V1__one.sql", "sub/V2__two.sql");
            assertThatThrownBy(() -> SettingsReader.read(parse(DATABASES + "migrations: { location: \"classpath:nowhere\" }\n")))
                    .hasMessageContaining("migrations.location").hasMessageContaining("nothing at classpath:nowhere");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void checksumsIgnoreLineEndingsTrailingSpaceAndFinalBlankLines() {
        int base = Checksums.of("CREATE TABLE t (id int);\nSELECT 1;\n");
        assertThat(Checksums.of("\uFEFFCREATE TABLE t (id int);  \r\nSELECT 1;\t\r\n\r\n\n")).isEqualTo(base);
        assertThat(Checksums.of("CREATE TABLE t (id int);\rSELECT 1;")).isEqualTo(base);
        assertThat(Checksums.of("CREATE TABLE t (id int);\n SELECT 1;\n")).isNotEqualTo(base);
        assertThat(Checksums.of("CREATE TABLE t (id int);\n\nSELECT 1;\n")).isNotEqualTo(base);
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(MigrationVersion.parse("1.10")).isGreaterThan(MigrationVersion.parse("1.9"));
        assertThat(MigrationVersion.parse("2.0.3")).isGreaterThan(MigrationVersion.parse("2"));
        assertThat(MigrationVersion.parse("1.0")).isEqualTo(MigrationVersion.parse("1")).hasSameHashCodeAs(MigrationVersion.parse("1"));
        assertThat(MigrationVersion.parse("1_1").toString()).isEqualTo("1.1");
        assertThat(MigrationVersion.parse("2.0.3").nextMajor().toString()).isEqualTo("3");
        assertThatThrownBy(() -> MigrationVersion.parse("1.x")).hasMessageContaining("not a migration version");
    }

    private Migrations migrations(DataManager dm) {
        return Migrations.builder(dm).location(dir).build();
    }

    @Test
    void misnamedWrongExtensionAndDuplicateFilesAreErrors() {
        try (DataManager dm = DataManager.open(parse(DATABASES))) {
            Path main = dir.resolve("main");
            Fixtures.write(main, "V1_init.sql", "SELECT 1;");
            assertThatThrownBy(() -> migrations(dm).newMigration("main", "x")).hasMessageContaining("V1_init.sql")
                    .hasMessageContaining("two underscores");
            Fixtures.delete(main, "V1_init.sql");

            Fixtures.write(main, "V1__seed.redis", "SET a 1");
            assertThatThrownBy(() -> migrations(dm).newMigration("main", "x")).hasMessageContaining("V1__seed.redis")
                    .hasMessageContaining("postgresql migrations are .sql files");
            Fixtures.delete(main, "V1__seed.redis");

            Fixtures.write(main, "V1__a.sql", "SELECT 1;");
            Fixtures.write(main, "nested/V1.0__b.sql", "SELECT 1;");
            assertThatThrownBy(() -> migrations(dm).newMigration("main", "x")).hasMessageContaining("V1__a.sql")
                    .hasMessageContaining("nested/V1.0__b.sql").hasMessageContaining("both define V1");
        }
    }

    @Test
    void newCreatesTheNextNumberedFileAndItsUndoFile() throws Exception {
        try (DataManager dm = DataManager.open(parse(DATABASES))) {
            NewMigrationResult first = migrations(dm).newMigration("main", "create users");
            assertThat(first.version()).isEqualTo("1");
            assertThat(first.files()).containsExactly(dir.resolve("main/V1__create_users.sql").toString(),
                    dir.resolve("main/U1__create_users.sql").toString());
            Fixtures.write(dir.resolve("main"), "V2.0.3__patch.sql", "SELECT 1;");
            assertThat(migrations(dm).newMigration("main", "Add orders!").files().get(0)).endsWith("V3__Add_orders.sql");

            NewMigrationResult redis = migrations(dm).newMigration("cache", "seed flags");
            assertThat(redis.files().get(0)).endsWith("cache/V1__seed_flags.redis");
            NewMigrationResult mongo = migrations(dm).newMigration("docs", "indexes");
            assertThat(Files.readString(Path.of(mongo.files().get(0)))).contains("[\n]");
            assertThatThrownBy(() -> migrations(dm).newMigration("main", "!!!")).hasMessageContaining("not a usable migration name");
        }
    }
}
