package io.cairn.cli.repo;

import java.io.PrintWriter;

import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.core.ErrorCode;
import io.cairn.repository.CheckProblem;
import io.cairn.repository.CheckResult;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn check [--read-data]}: verify the repository's structure, and with --read-data
 * every pack's content. Exit 0 when clean, 7 (INTEGRITY) when an error was found.
 */
@Command(name = "check", description = "Verify the repository; --read-data also reads and verifies every pack.")
public final class CheckCommand extends RepositoryCommand<CheckResult> {
    @Option(names = "--read-data", description = "Read every pack and verify every blob (slow: reads the whole repository).")
    boolean readData;

    @Override
    protected CheckResult run(Repository repository, ProgressListener progress) {
        return repository.check(readData, progress);
    }

    @Override
    protected void print(PrintWriter out, CheckResult result) {
        out.printf("checked %d snapshots, %d index files, %d packs, %d blobs%s in %s%n", result.snapshots(),
                result.indexFiles(), result.packs(), result.blobs(),
                readData ? " (read " + Bytes.human(result.bytesRead()) + ")" : "", Durations.human(result.duration()));
        result.errors().forEach(problem -> print(out, "error", problem));
        result.warnings().forEach(problem -> print(out, "warning", problem));
        out.println(result.ok() ? "no errors were found" : result.errors().size() + " error(s) found");
    }

    @Override
    protected int exitCode(CheckResult result) {
        return result.ok() ? 0 : ErrorCode.INTEGRITY.exitCode();
    }

    private static void print(PrintWriter out, String severity, CheckProblem problem) {
        out.printf("%s: %s %s: %s%n", severity, problem.kind(), problem.resource(), problem.message());
        if (!problem.snapshots().isEmpty()) {
            out.printf("  affects snapshots: %s%n", String.join(", ", problem.snapshots()));
        }
        if (!problem.files().isEmpty()) {
            out.printf("  affects files: %s%n", String.join(", ", problem.files()));
        }
    }
}
