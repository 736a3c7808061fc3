package io.cairn.events;

import java.util.List;

/**
 * The streams of one event store, most recently appended first.
 *
 * @param streams  how many streams the store holds
 * @param newest   the most recently appended of them, up to the limit asked for
 */
public record StreamsReport(String db, long streams, List<StreamSummary> newest) {
}
