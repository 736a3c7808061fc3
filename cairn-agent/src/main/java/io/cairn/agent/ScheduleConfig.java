package io.cairn.agent;

import io.cairn.core.CairnException;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of {@code schedules:}: when ({@code cron}, {@code zone}) to run which job kind
 * ({@code run}, e.g. {@code backup files}) with which arguments. Keys a job kind does not use
 * are still validated here, so a typo fails at load rather than at 2 a.m.
 *
 * @param run        the job kind, looked up among the registered {@link JobRunner}s
 * @param database   {@code db:}, the configured database the job concerns, if any
 * @param type       {@code type:} e.g. full / incr for database backups
 * @param paths      {@code paths:} for file backups
 * @param tags       extra snapshot tags
 * @param retention  whether the retention policy is applied after a successful backup (default true)
 * @param readData   {@code read-data:} for check jobs
 */
public record ScheduleConfig(String name, CronExpression cron, ZoneId zone, String run, Optional<String> database,
        Optional<String> type, List<String> paths, List<String> tags, List<String> excludes, boolean retention,
        boolean readData) {

    public static final Set<String> KEYS = Set.of("name", "cron", "zone", "run", "db", "type", "paths", "tags",
            "exclude", "retention", "read-data");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public ScheduleConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(run, "run");
        paths = List.copyOf(paths);
        tags = List.copyOf(tags);
        excludes = List.copyOf(excludes);
    }

    static List<ScheduleConfig> fromList(List<ConfigSection> sections, CairnConfig config) {
        List<ScheduleConfig> schedules = new ArrayList<>();
        for (ConfigSection section : sections) {
            schedules.add(from(section, config));
        }
        if (!sections.isEmpty()) {
            AgentConfig.requireUniqueNames(schedules, sections.get(0));
        }
        return schedules;
    }

    static ScheduleConfig from(ConfigSection section, CairnConfig config) {
        section.requireOnlyKeys(KEYS);
        String name = section.string("name");
        if (!NAME.matcher(name).matches()) {
            throw section.error("name", "\"" + name + "\" is not a valid name",
                    "use letters, digits, '.', '_' or '-', e.g. name: nightly-full");
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(section.string("cron"));
        } catch (CairnException e) {
            throw section.error("cron", e.getMessage(), "five fields: minute hour day-of-month month day-of-week");
        }
        String run = section.string("run").trim().replaceAll("\\s+", " ");
        Optional<String> database = section.optionalString("db");
        database.ifPresent(id -> {
            if (!config.databases().containsKey(id)) {
                throw section.error("db", "database '" + id + "' is not defined",
                        "define it under databases:, or use one of " + config.databases().keySet());
            }
        });
        return new ScheduleConfig(name, cron, zone(section), run, database, section.optionalString("type"),
                section.stringList("paths"), section.stringList("tags"), section.stringList("exclude"),
                section.bool("retention", true), section.bool("read-data", false));
    }

    static ZoneId zone(ConfigSection section) {
        Optional<String> zone = section.optionalString("zone");
        if (zone.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone.get().trim());
        } catch (DateTimeException e) {
            throw section.error("zone", "unknown time zone \"" + zone.get() + "\"", "e.g. zone: Europe/Paris or zone: UTC");
        }
    }

    /** The shape /api/schedules shows. */
    public Map<String, Object> describe() {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("name", name);
        view.put("cron", cron.toString());
        view.put("zone", zone.getId());
        view.put("run", run);
        database.ifPresent(db -> view.put("db", db));
        type.ifPresent(t -> view.put("type", t));
        if (!paths.isEmpty()) {
            view.put("paths", paths);
        }
        return view;
    }
}
