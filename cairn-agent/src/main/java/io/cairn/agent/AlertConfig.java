package io.cairn.agent;

import io.cairn.core.config.ConfigSection;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code alerts:} section.
 *
 * @param backupOlderThan alert when a backup schedule's newest successful run is older than this
 * @param walLagOver      read for compatibility with the documented example; not evaluated until
 *                        the agent supervises WAL streaming
 * @param diskFreeUnder   alert when the repository's file system has less than this percentage free
 * @param webhook         where alerts are POSTed as JSON (raised and resolved), if anywhere
 */
public record AlertConfig(Duration backupOlderThan, Optional<Duration> walLagOver, double diskFreeUnder,
        Optional<URI> webhook) {
    public static final Set<String> KEYS = Set.of("backup-older-than", "wal-lag-over", "disk-free-under", "webhook");

    static AlertConfig from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        Optional<URI> webhook = section.optionalString("webhook").map(text -> {
            try {
                URI uri = URI.create(text.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("not http(s)");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw section.error("webhook", "expected an http or https URL", "e.g. webhook: https://hooks.example.com/cairn");
            }
        });
        return new AlertConfig(section.duration("backup-older-than", Duration.ofHours(26)),
                section.optionalDuration("wal-lag-over"), section.percent("disk-free-under", 10), webhook);
    }
}
