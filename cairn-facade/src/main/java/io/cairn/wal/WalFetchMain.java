package io.cairn.wal;

import io.cairn.Cairn;
import io.cairn.backup.postgres.WalFetchResult;
import io.cairn.core.CairnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * restore_command without the CLI:
 * {@code java -cp … io.cairn.wal.WalFetchMain [--spool DIR] [--config FILE] [--repo URL] [--password-file FILE]
 * --db ID %f %p}. Looks in the spool a Cairn restore filled first, then in the repository, which
 * the {@link Cairn} facade opens by its one rule (flags, else the configuration, else
 * {@code $CAIRN_PASSWORD}; a local directory or S3). Exit codes follow
 * what PostgreSQL expects of a restore_command: 0 copied, 1 not archived (the end of the
 * archive), 126 on an error (repository unreadable, wrong passphrase), which makes PostgreSQL
 * abort recovery instead of mistaking the error for the end of the WAL.
 */
public final class WalFetchMain {
    static final int FOUND = 0;
    static final int NOT_FOUND = 1;
    static final int FAILED = 126;

    private WalFetchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one fetch and returns the exit code (tests call this instead of main). */
    public static int run(String[] args) {
        try {
            CommandLineArguments parsed = CommandLineArguments.parse(args, Set.of("--spool", "--config", "--repo",
                    "--password-file", "--db"), Set.of());
            if (parsed.positional().size() != 2) {
                System.err.println("usage: WalFetchMain [--spool DIR] [--config FILE] [--repo URL] [--password-file FILE] --db ID %f %p");
                return FAILED;
            }
            String name = parsed.positional().get(0);
            Path destination = Path.of(parsed.positional().get(1));
            if (parsed.option("--spool").isPresent() && copyFromSpool(Path.of(parsed.option("--spool").get()), name,
                    destination)) {
                return FOUND;
            }
            if (parsed.option("--repo").isEmpty() && parsed.option("--config").isEmpty()) {
                return NOT_FOUND;
            }
            String db = parsed.required("--db");
            try (Cairn cairn = parsed.openCairn()) {
                WalFetchResult result = cairn.postgres().fetchArchivedWal(db, name, destination);
                return result.found() ? FOUND : NOT_FOUND;
            }
        } catch (CairnException e) {
            System.err.println("cairn wal fetch: " + e.getMessage());
            return FAILED;
        } catch (IOException | RuntimeException e) {
            System.err.println("cairn wal fetch: " + e);
            return FAILED;
        }
    }

    private static boolean copyFromSpool(Path spool, String name, Path destination) throws IOException {
        Path staged = spool.resolve(name);
        if (!Files.isRegularFile(staged)) {
            return false;
        }
        Files.copy(staged, destination, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }
}
