package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.storage.LocalStorage;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
    @TempDir
    Path temp;

    @Test
    void addListRemoveAndChangePassphraseWithoutReencrypting() {
        LocalStorage storage = new LocalStorage(temp);
        Passphrase second = Passphrase.of("second passphrase");
        Passphrase third = Passphrase.of("third passphrase");
        String snapshot;
        try (Repository repository = Repository.init(storage, TestRepositories.PASSPHRASE, TestRepositories.smallOptions())) {
            snapshot = repository.backupStream("f", new ByteArrayInputStream(new byte[1000]), new FixedChunker(4096),
                    BackupOptions.defaults(), ProgressListener.NONE).snapshotId();
            KeyInfo added = repository.addKey(second, TestRepositories.FAST_KDF);
            assertThat(repository.listKeys()).hasSize(2).filteredOn(KeyInfo::current).singleElement()
                    .extracting(KeyInfo::id).isNotEqualTo(added.id());
            String current = repository.listKeys().stream().filter(KeyInfo::current).findFirst().orElseThrow().id();
            assertThatThrownBy(() -> repository.removeKey(current.substring(0, 8)))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION));
        }
        try (Repository repository = Repository.open(storage, second)) {
            assertThat(repository.snapshot(snapshot).id()).isEqualTo(snapshot);
            String first = repository.listKeys().stream().filter(key -> !key.current()).findFirst().orElseThrow().id();
            repository.removeKey(first.substring(0, 10));
            assertThat(repository.listKeys()).hasSize(1);
            KeyInfo changed = repository.changePassphrase(third, TestRepositories.FAST_KDF);
            assertThat(changed.current()).isTrue();
            assertThat(repository.listKeys()).singleElement().extracting(KeyInfo::id).isEqualTo(changed.id());
        }
        assertThatThrownBy(() -> Repository.open(storage, TestRepositories.PASSPHRASE))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_KEY));
        assertThatThrownBy(() -> Repository.open(storage, second))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_KEY));
        try (Repository repository = Repository.open(storage, third)) {
            assertThat(repository.check(true, ProgressListener.NONE).ok()).isTrue();
            assertThat(repository.toString()).doesNotContain("third");
        }
    }
}
