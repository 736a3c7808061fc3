package io.cairn.bench.repository;

import io.cairn.repository.BackupOptions;
import io.cairn.repository.BackupResult;
import io.cairn.repository.InitOptions;
import io.cairn.repository.Passphrase;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.RestoreOptions;
import io.cairn.repository.RestoreResult;
import io.cairn.repository.storage.LocalStorage;

import java.nio.file.Path;
import java.util.List;

/**
 * The Cairn side of bench/repository-api-vs-restic.sh, through the same Java API the CLI uses.
 * Prints one line of {@code key=value} pairs per command. Passphrase from CAIRN_PASSWORD.
 * <pre>
 *   init REPO [AVG_CHUNK_KIB]   backup REPO DIR   restore REPO TARGET
 * </pre>
 */
public final class RepositoryBench {
    private RepositoryBench() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(args[1]);
        Passphrase passphrase = Passphrase.fromEnvironment().orElseThrow();
        long start = System.nanoTime();
        switch (args[0]) {
            case "init" -> {
                InitOptions options = InitOptions.defaults();
                if (args.length > 2) {
                    int average = Integer.parseInt(args[2]) << 10;
                    options = options.withChunkSizes(average / 2, average, average * 8);
                }
                Repository.init(new LocalStorage(repo), passphrase, options).close();
                System.out.println("init seconds=" + seconds(start));
            }
            case "backup" -> {
                try (Repository repository = Repository.open(new LocalStorage(repo), passphrase)) {
                    BackupResult result = repository.backupFiles(List.of(Path.of(args[2])), BackupOptions.defaults(),
                            ProgressListener.NONE);
                    System.out.printf("backup seconds=%.2f bytes=%d read=%d added=%d stored=%d files=%d%n",
                            seconds(start), result.bytes(), result.bytesRead(), result.dataAdded(),
                            result.dataAddedStored(), result.files());
                }
            }
            case "restore" -> {
                try (Repository repository = Repository.open(new LocalStorage(repo), passphrase)) {
                    RestoreResult result = repository.restore("latest", Path.of(args[2]), RestoreOptions.defaults(),
                            ProgressListener.NONE);
                    System.out.printf("restore seconds=%.2f bytes=%d files=%d%n", seconds(start), result.bytes(),
                            result.files());
                }
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
