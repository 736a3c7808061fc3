package io.cairn.repository.internal.backup;

import java.util.concurrent.atomic.LongAdder;

/** Counters a backup updates from several threads and reports at the end. */
final class BackupCounters {
    final LongAdder files = new LongAdder();
    final LongAdder directories = new LongAdder();
    final LongAdder filesNew = new LongAdder();
    final LongAdder filesChanged = new LongAdder();
    final LongAdder filesUnchanged = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder dataAdded = new LongAdder();
    final LongAdder dataAddedStored = new LongAdder();
    final LongAdder blobsAdded = new LongAdder();
}
