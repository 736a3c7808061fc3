package io.cairn.repository.internal.prune;

import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.pack.PackEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides each pack's fate from the set of used blobs. Every used blob gets exactly one kept
 * copy, taken from indexed packs first, then old unindexed packs, then young ones (so young
 * leftovers of a running backup are usually duplicates and stay untouched). Fully unused packs
 * are deleted, young unindexed ones excepted; partly used packs are repacked, most wasteful
 * first, until the remaining unused bytes are within {@code maxUnused} of the used bytes.
 */
final class PrunePlan {
    private PrunePlan() {
    }

    static void decide(List<PackUsage> packs, Set<ContentId> used, double maxUnused) {
        List<PackUsage> ordered = new ArrayList<>(packs);
        ordered.sort(Comparator.comparingInt((PackUsage pack) -> pack.indexed ? 0 : pack.youngOrphan ? 2 : 1));
        Set<ContentId> assigned = new HashSet<>();
        for (PackUsage pack : ordered) {
            for (PackEntry entry : pack.entries) {
                if (used.contains(entry.id()) && assigned.add(entry.id())) {
                    pack.used.add(entry);
                    pack.usedBytes += entry.length();
                } else {
                    pack.unusedBytes += entry.length();
                }
            }
        }
        long usedTotal = 0;
        List<PackUsage> partly = new ArrayList<>();
        for (PackUsage pack : packs) {
            usedTotal += pack.usedBytes;
            if (pack.youngOrphan) {
                pack.fate = pack.usedBytes > 0 ? PackUsage.Fate.KEEP : PackUsage.Fate.UNTOUCHED;
            } else if (pack.usedBytes == 0) {
                pack.fate = PackUsage.Fate.DELETE;
            } else if (pack.unusedBytes > 0) {
                partly.add(pack);
            }
        }
        long unused = partly.stream().mapToLong(pack -> pack.unusedBytes).sum();
        partly.sort(Comparator.comparingDouble(PackUsage::unusedFraction).reversed());
        for (PackUsage pack : partly) {
            if (unused <= maxUnused * usedTotal) {
                break;
            }
            pack.fate = PackUsage.Fate.REPACK;
            unused -= pack.unusedBytes;
        }
    }
}
