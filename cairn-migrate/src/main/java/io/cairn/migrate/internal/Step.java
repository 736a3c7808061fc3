package io.cairn.migrate.internal;

import io.cairn.migrate.PlannedStatement;

/**
 * One statement of a migration: what is shown (dry run, listener, errors) and what the backend
 * sends — a SQL string, a Redis argument list, a MongoDB command document or a {@link JavaCall}.
 */
public record Step(PlannedStatement statement, Object payload) {
}
