package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.storage.Storage;
import io.cairn.testkit.S3Extension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole life of a repository on a real S3-compatible server, reached through a location URL. */
class S3RepositoryTest {
    @RegisterExtension
    static final S3Extension S3 = S3Extension.create();

    @TempDir
    Path temp;

    @Test
    void backupRestoreCheckForgetPruneOnS3() throws IOException {
        Map<String, String> environment = Map.of("AWS_ACCESS_KEY_ID", S3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", S3.secretKey());
        RepositoryLocation location = RepositoryLocation.parse(S3.cairnUrl() + "/repos/main", environment);
        assertThat(location.isS3()).isTrue();
        assertThat(location.s3Settings().orElseThrow().prefix()).isEqualTo("repos/main");

        Path source = temp.resolve("source");
        TestRepositories.writeMixed(source.resolve("a.bin"), 1, 3_000_000);
        TestRepositories.writeMixed(source.resolve("dir/b.txt"), 2, 5000);
        Files.createSymbolicLink(source.resolve("dir/link"), Path.of("../a.bin"));

        Storage storage = location.open();
        try (Repository repository = Repository.init(storage, TestRepositories.PASSPHRASE, TestRepositories.smallOptions())) {
            BackupResult first = repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            TestRepositories.writeMixed(source.resolve("dir/c.bin"), 3, 1_000_000);
            repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            Path target = temp.resolve("target");
            repository.restore("latest", target, RestoreOptions.defaults(), ProgressListener.NONE);
            assertThat(RoundTripTest.describe(target.resolve(source.toString().substring(1))))
                    .isEqualTo(RoundTripTest.describe(source));
            assertThat(repository.check(true, ProgressListener.NONE).errors()).isEmpty();
            repository.forgetSnapshots(List.of(first.shortId()), false);
            PruneResult prune = repository.prune(PruneOptions.defaults().withMaxUnused(0), ProgressListener.NONE);
            assertThat(prune.snapshots()).isEqualTo(1);
            assertThat(repository.check(true, ProgressListener.NONE).errors()).isEmpty();
        }
        try (Repository reopened = Repository.open(RepositoryLocation.parse(S3.cairnUrl() + "/repos/main", environment).open(),
                TestRepositories.PASSPHRASE)) {
            assertThat(reopened.snapshots()).hasSize(1);
        }
    }
}
