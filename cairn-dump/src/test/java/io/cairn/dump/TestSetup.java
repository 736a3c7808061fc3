package io.cairn.dump;

import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.storage.LocalStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds repositories and DataManagers for tests. */
final class TestSetup {
    static final Passphrase PASSPHRASE = Passphrase.of("dump test passphrase");

    private TestSetup() {
    }

    /** A local repository with a cheap key derivation (tests only). */
    static Repository repository(Path directory) {
        return Repository.init(new LocalStorage(directory), PASSPHRASE,
                InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1)).withPackSize(4 << 20));
    }

    static DatabaseConfig database(String id, DatabaseType type, String url, String password) {
        DatabaseUrl parsed = DatabaseUrl.parse(url, type.defaultPort());
        return DatabaseConfig.of(id, type, parsed, password.isEmpty() ? Optional.empty() : Optional.of(Secret.of(password)));
    }

    /** Replaces the database name at the end of a URL such as {@code postgresql://u@h:p/cairn}. */
    static String withDatabase(String url, String name) {
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    static DataManager dataManager(DatabaseConfig... databases) {
        return DataManager.open(CairnConfig.of(new ArrayList<>(List.of(databases))));
    }
}
