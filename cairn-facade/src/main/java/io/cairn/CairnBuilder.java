package io.cairn;

import io.cairn.backup.postgres.PostgresBackupOptions;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.cairn.dump.Dumps;
import io.cairn.migrate.Migrations;
import io.cairn.repository.RepositoryOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Options of a {@link Cairn}; each setter checks its argument at once, {@link #open()} validates
 * every configuration section. The clock, sleeper and meter registry given here reach every
 * capability: there is no other place to inject them.
 *
 * <p>The repository rule (one for every front-end): location from {@link #repository(String)},
 * else {@code repository.url}; passphrase from {@link #passwordFile(Path)}, else
 * {@code repository.password}/{@code password-file}, else {@code $CAIRN_PASSWORD}, else
 * {@link #passphrasePrompt(PassphrasePrompt)}.
 */
public final class CairnBuilder {
    final CairnConfig config;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    MeterRegistry meterRegistry;
    Optional<String> repositoryUrl = Optional.empty();
    Optional<Path> passwordFile = Optional.empty();
    PassphrasePrompt prompt = PassphrasePrompt.none();
    UnaryOperator<RepositoryOptions> repositoryOptions = UnaryOperator.identity();
    UnaryOperator<PostgresBackupOptions> postgresOptions = UnaryOperator.identity();
    Consumer<Dumps.Builder> dumpOptions = builder -> { };
    Consumer<Migrations.Builder> migrationOptions = builder -> { };

    CairnBuilder(CairnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The time source of every capability (schedules, leases, file times, backups' start and stop). */
    public CairnBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** How retries wait between attempts. */
    public CairnBuilder sleeper(Sleeper value) {
        this.sleeper = Objects.requireNonNull(value, "sleeper");
        return this;
    }

    /** Where database metrics go (default: a new SimpleMeterRegistry). */
    public CairnBuilder meterRegistry(MeterRegistry value) {
        this.meterRegistry = Objects.requireNonNull(value, "meterRegistry");
        return this;
    }

    /** The repository (a directory, {@code s3://bucket/prefix}, {@code s3://host:port/bucket/prefix}), overriding the config. */
    public CairnBuilder repository(String url) {
        if (Objects.requireNonNull(url, "url").isBlank()) {
            throw new IllegalArgumentException("repository url must not be blank");
        }
        this.repositoryUrl = Optional.of(url);
        return this;
    }

    /** Read the repository passphrase from the first line of this file, before any other source. */
    public CairnBuilder passwordFile(Path file) {
        this.passwordFile = Optional.of(Objects.requireNonNull(file, "file"));
        return this;
    }

    /** Who to ask when no other source has the passphrase (default: nobody, which is an error). */
    public CairnBuilder passphrasePrompt(PassphrasePrompt value) {
        this.prompt = Objects.requireNonNull(value, "prompt");
        return this;
    }

    /** Adjusts repository runtime options (workers, lock times); the clock is always this builder's. */
    public CairnBuilder repositoryOptions(UnaryOperator<RepositoryOptions> adjust) {
        this.repositoryOptions = Objects.requireNonNull(adjust, "adjust");
        return this;
    }

    /** Adjusts PostgreSQL backup options (chunk size, waits); the clock is always this builder's. */
    public CairnBuilder postgresOptions(UnaryOperator<PostgresBackupOptions> adjust) {
        this.postgresOptions = Objects.requireNonNull(adjust, "adjust");
        return this;
    }

    /** Adjusts the dump options (temporary directory, PostgreSQL client binaries). */
    public CairnBuilder dumpOptions(Consumer<Dumps.Builder> adjust) {
        this.dumpOptions = Objects.requireNonNull(adjust, "adjust");
        return this;
    }

    /** Adjusts migration options (locations, target, Java migrations, listener) over the {@code migrations:} section. */
    public CairnBuilder migrationOptions(Consumer<Migrations.Builder> adjust) {
        this.migrationOptions = Objects.requireNonNull(adjust, "adjust");
        return this;
    }

    /**
     * Validates every configuration section (CONFIG error naming the file, key and fix) and returns
     * the facade. Opens nothing: databases and the repository open on first use.
     */
    public Cairn open() {
        if (meterRegistry == null) {
            meterRegistry = new SimpleMeterRegistry();
        }
        return new Cairn(this);
    }
}
