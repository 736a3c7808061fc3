package io.cairn.cli.migrate;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.cairn.cli.Durations;
import io.cairn.cli.Table;
import io.cairn.migrate.AppliedMigration;
import io.cairn.migrate.DryRunResult;
import io.cairn.migrate.InfoResult;
import io.cairn.migrate.InfoRow;
import io.cairn.migrate.MigrateResult;
import io.cairn.migrate.PlannedMigration;
import io.cairn.migrate.PlannedStatement;
import io.cairn.migrate.RepairResult;
import io.cairn.migrate.UndoResult;
import io.cairn.migrate.ValidateResult;
import io.cairn.migrate.ValidationProblem;

/** Human output of the migrate commands; --json prints the result records instead. */
final class MigrateRendering {
    private MigrateRendering() {
    }

    static void migrated(PrintWriter out, MigrateResult result) {
        if (result.applied().isEmpty()) {
            out.printf("%s (%s): up to date at version %s%n", result.database(), result.databaseType(),
                    version(result.currentVersion()));
            return;
        }
        out.printf("%s (%s): applied %d migration(s) in %s, now at version %s (was %s)%n", result.database(),
                result.databaseType(), result.applied().size(), Durations.human(Duration.ofMillis(result.executionTimeMs())),
                version(result.currentVersion()), version(result.initialVersion()));
        applied(out, result.applied());
    }

    static void undone(PrintWriter out, UndoResult result) {
        if (result.undone().isEmpty()) {
            out.printf("%s: nothing to undo (version %s)%n", result.database(), version(result.currentVersion()));
            return;
        }
        out.printf("%s: undid %d migration(s), now at version %s (was %s)%n", result.database(), result.undone().size(),
                version(result.currentVersion()), version(result.initialVersion()));
        applied(out, result.undone());
    }

    private static void applied(PrintWriter out, List<AppliedMigration> migrations) {
        Table table = new Table("VERSION", "DESCRIPTION", "TYPE", "SCRIPT", "STATEMENTS", "TIME");
        for (AppliedMigration m : migrations) {
            table.row(m.version().orElse("R"), m.description(), m.type(), m.script(), m.statements(),
                    Durations.human(Duration.ofMillis(m.executionTimeMs())));
        }
        table.print(out);
    }

    /** Every statement that would run, in order, each under the file and line it comes from. */
    static void dryRun(PrintWriter out, DryRunResult result) {
        out.printf("-- %s (%s): %d migration(s) would run, from version %s%s%n", result.database(), result.databaseType(),
                result.migrations().size(), version(result.currentVersion()),
                result.target().map(t -> " to target " + t).orElse(""));
        for (PlannedMigration migration : result.migrations()) {
            out.printf("-- %s (%s)%n", migration.script(), migration.transactional() ? "one transaction"
                    : "no transaction: each statement on its own");
            for (PlannedStatement statement : migration.statements()) {
                out.printf("-- %s:%d%n%s%n", migration.script(), statement.line(), statement.text());
            }
        }
        out.flush();
    }

    static void info(PrintWriter out, InfoResult result) {
        out.printf("%s (%s): version %s; %d applied, %d pending, %d failed, %d drift%n", result.database(),
                result.databaseType(), version(result.currentVersion()), result.applied(), result.pending(), result.failed(),
                result.drift());
        Table table = new Table("CATEGORY", "VERSION", "DESCRIPTION", "TYPE", "INSTALLED ON", "STATE");
        for (InfoRow row : result.migrations()) {
            table.row(row.category(), row.version().orElse(""), row.description(), row.type(),
                    row.installedOn().map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(""), row.state());
        }
        table.print(out);
    }

    static void validated(PrintWriter out, ValidateResult result) {
        if (result.valid()) {
            out.printf("%s: valid%n", result.database());
            return;
        }
        out.printf("%s: %d problem(s)%n", result.database(), result.problems().size());
        for (ValidationProblem problem : result.problems()) {
            out.printf("  %s: %s%n", problem.kind(), problem.message());
        }
        out.flush();
    }

    static void repaired(PrintWriter out, RepairResult result) {
        if (!result.changed()) {
            out.printf("%s: nothing to repair%n", result.database());
            return;
        }
        out.printf("%s: repaired%n", result.database());
        result.removedFailed().forEach(s -> out.printf("  removed failed entry  %s%n", s));
        result.realigned().forEach(s -> out.printf("  re-aligned checksum   %s%n", s));
        result.markedDeleted().forEach(s -> out.printf("  marked deleted        %s%n", s));
        out.flush();
    }

    private static String version(Optional<String> version) {
        return version.orElse("(none)");
    }
}
