package io.cairn.migrate;

import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A migrator in a child JVM for the process tests:
 * {@code MigratorMain TYPE URL LOCATION LEASE_MS [GATE_VERSION RELEASE_FILE]}; the password comes
 * from $MIGRATE_PASSWORD. Prints "STATEMENT script:line" before each statement, "GATE" when the
 * gate migration is entered (it then waits for RELEASE_FILE to exist, forever if it never does),
 * and "DONE n" with the number of migrations it applied.
 */
public final class MigratorMain {
    private MigratorMain() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseType type = DatabaseType.byConfigName().get(args[0]);
        String password = System.getenv().getOrDefault("MIGRATE_PASSWORD", "");
        DatabaseConfig database = DatabaseConfig.of("db", type, DatabaseUrl.parse(args[1], type.defaultPort()),
                password.isEmpty() ? Optional.empty() : Optional.of(Secret.of(password)));
        try (DataManager dm = DataManager.open(CairnConfig.of(List.of(database)))) {
            Migrations.Builder builder = Migrations.builder(dm).location(Path.of(args[2]))
                    .lease(Duration.ofMillis(Long.parseLong(args[3]))).lockTimeout(Duration.ofSeconds(60))
                    .listener(new MigrationListener() {
                        @Override
                        public void beforeStatement(String db, String script, PlannedStatement statement) {
                            System.out.println("STATEMENT " + script + ":" + statement.line());
                            System.out.flush();
                        }
                    });
            if (args.length > 5) {
                builder.javaMigration("db", new Gate(args[4], Path.of(args[5])));
            }
            MigrateResult result = builder.build().migrate("db");
            System.out.println("DONE " + result.migrationsApplied());
        }
    }

    /** A Java migration that waits for a file to appear: holds the migration lock for as long as the test wants. */
    record Gate(String version, Path release) implements JavaMigration {
        @Override
        public String description() {
            return "gate";
        }

        @Override
        public void migrate(MigrationContext context) throws Exception {
            System.out.println("GATE");
            System.out.flush();
            Await.until(Duration.ofMinutes(5), "the release file " + release, () -> Files.exists(release));
        }
    }
}
