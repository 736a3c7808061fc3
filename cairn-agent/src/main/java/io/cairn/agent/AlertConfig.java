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
 * @param verifyOlderThan alert when a verifying schedule's ({@code pg verify}, {@code check}) newest successful
 *                        run is older than this; default 8 days (a weekly verify plus a day)
 * @param walLagOver      alert when a streamed database's WAL has not been durable in the repository for
 *                        longer than this (the RPO a disaster would cost now); default 5 min
 * @param diskFreeUnder   alert when the repository's file system has less than this percentage free
 * @param webhook         where alerts are POSTed as JSON (raised and resolved), if anywhere
 */
public record AlertConfig(Duration backupOlderThan, Duration verifyOlderThan, Duration walLagOver, double diskFreeUnder,
        Optional<URI> webhook) {
    public static final Set<String> KEYS = Set.of("backup-older-than", "verify-older-than", "wal-lag-over", "disk-free-under", "webhook");

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
                section.duration("verify-older-than", Duration.ofDays(8)),
                section.duration("wal-lag-over", Duration.ofMinutes(5)), section.percent("disk-free-under", 10), webhook);
    }
}
