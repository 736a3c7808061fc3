package io.cairn.internal;

import io.cairn.backup.RetentionConfig;
import io.cairn.backup.postgres.WalConfig;
import io.cairn.cache.CacheSettings;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.SectionValidator;
import io.cairn.events.EventSettings;
import io.cairn.migrate.MigrationSettings;
import io.cairn.repository.RepositoryConfig;
import io.cairn.repository.RetentionPolicy;
import io.cairn.tx.OutboxSettings;
import io.cairn.tx.TxSettings;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every configuration section, read and validated once when a {@code Cairn} opens: the sections of
 * the capabilities below the facade by their own readers, the sections of modules above it (the
 * agent's) by the {@link SectionValidator}s on the class path. Each capability then gets its
 * settings from here, so no setting has a second reader.
 */
public record ConfiguredSections(Optional<RepositoryConfig> repository, WalConfig wal,
        Optional<RetentionPolicy> retention, Map<String, MigrationSettings> migrations,
        TxSettings transactions, OutboxSettings outbox, CacheSettings cache,
        EventSettings events) {

    public static ConfiguredSections read(CairnConfig config) {
        ConfiguredSections sections = new ConfiguredSections(RepositoryConfig.from(config), WalConfig.from(config),
                RetentionConfig.from(config), MigrationSettings.readAll(config), TxSettings.from(config),
                OutboxSettings.from(config), CacheSettings.from(config),
                EventSettings.from(config));
        for (SectionValidator validator : ServiceLoader.load(SectionValidator.class, ConfiguredSections.class.getClassLoader())) {
            validator.validate(config);
        }
        return sections;
    }
}
