package io.cairn.testkit.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One node's answer to CLUSTER NODES, parsed: who is master of which slots, who replicates whom. */
public record ClusterNodesView(List<Entry> entries) {

    /**
     * One line of CLUSTER NODES.
     *
     * @param masterId the id of the master this node replicates, or "-" for a master
     * @param slots    slot ranges as {from, to} pairs (importing/migrating markers skipped)
     */
    public record Entry(String id, int port, Set<String> flags, String masterId, boolean connected,
                        List<int[]> slots) {
        public boolean isMaster() {
            return flags.contains("master");
        }

        /** Marked failed (fail) or possibly failed (fail?) by the node that answered. */
        public boolean isFailing() {
            return flags.contains("fail") || flags.contains("fail?") || flags.contains("noaddr");
        }

        public boolean servesSlot(int slot) {
            return slots.stream().anyMatch(range -> slot >= range[0] && slot <= range[1]);
        }
    }

    public static ClusterNodesView parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length < 8) {
                continue;
            }
            String address = parts[1];
            int at = address.indexOf('@');
            String hostPort = at >= 0 ? address.substring(0, at) : address;
            int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < parts.length; i++) {
                if (parts[i].startsWith("[")) {
                    continue;
                }
                String[] range = parts[i].split("-");
                int from = Integer.parseInt(range[0]);
                slots.add(new int[] {from, range.length > 1 ? Integer.parseInt(range[1]) : from});
            }
            entries.add(new Entry(parts[0], port, Set.copyOf(Arrays.asList(parts[2].split(","))), parts[3],
                    "connected".equals(parts[7]), slots));
        }
        return new ClusterNodesView(List.copyOf(entries));
    }

    public Optional<Entry> byId(String id) {
        return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
    }

    public Optional<Entry> masterOfSlot(int slot) {
        return entries.stream().filter(entry -> entry.isMaster() && !entry.isFailing() && entry.servesSlot(slot))
                .findFirst();
    }

    public List<Entry> replicasOf(String masterId) {
        return entries.stream().filter(entry -> entry.masterId().equals(masterId)).toList();
    }
}
