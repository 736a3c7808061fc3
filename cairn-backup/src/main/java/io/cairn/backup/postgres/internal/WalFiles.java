package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.WalFetchResult;
import io.cairn.backup.postgres.WalPushResult;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * archive_command and restore_command mode: one file in, one file out. A push never lists the
 * archive (so it costs the same with ten or ten thousand archived files); pushing the same file
 * twice, as PostgreSQL does after a crash between archiving and recording it, stores a second
 * snapshot whose content deduplicates to nothing.
 */
public final class WalFiles {
    private static final Pattern ARCHIVABLE = Pattern.compile(
            "[0-9A-F]{24}|[0-9A-F]{8}\\.history|[0-9A-F]{24}\\.partial|[0-9A-F]{24}\\.[0-9A-F]{8}\\.backup");

    private final WalArchive archive;
    private final Clock clock;

    public WalFiles(WalArchive archive, Clock clock) {
        this.archive = archive;
        this.clock = clock;
    }

    public WalPushResult push(String db, Path file) {
        Instant began = clock.instant();
        String name = file.getFileName().toString();
        if (!ARCHIVABLE.matcher(name).matches()) {
            throw new CairnException(ErrorCode.USAGE, "'" + name + "' is not a WAL file name PostgreSQL archives"
                    + " (segment, .history, .partial or .backup): pass %p as archive_command's argument");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CairnException(ErrorCode.NOT_FOUND, "WAL file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "cannot read WAL file " + file + ": " + e.getMessage(), e);
        }
        String system = "";
        long segmentSize = 0;
        if (WalSegment.isSegmentName(name)) {
            WalPageHeader header = WalPageHeader.parse(bytes).orElseThrow(() -> new CairnException(ErrorCode.INTEGRITY,
                    "WAL file " + file + " does not start with a WAL page header: it is not a WAL segment"));
            WalSegment segment = WalSegment.parse(name, header.segmentSize()).orElseThrow();
            if (header.pageAddress() != segment.start().value() || bytes.length != header.segmentSize()) {
                throw new CairnException(ErrorCode.INTEGRITY, "WAL file " + file + " does not hold segment " + name
                        + " (its header says another position or size): refusing to archive it");
            }
            system = header.systemIdentifierText();
            segmentSize = header.segmentSize();
        }
        String id = archive.store(db, system, segmentSize, List.of(new WalArchive.Content(name, bytes)),
                Optional.empty());
        return new WalPushResult(db, name, bytes.length, id, Duration.between(began, clock.instant()));
    }

    public WalFetchResult fetch(String db, String name, Path destination) {
        WalCatalog catalog = archive.catalog(db);
        Optional<WalFile> file = catalog.find(name);
        if (file.isEmpty()) {
            return new WalFetchResult(db, name, false, 0, Optional.empty());
        }
        long bytes = archive.fetch(file.get(), destination, catalog.segmentSize());
        return new WalFetchResult(db, name, true, bytes, Optional.of("repository"));
    }
}
