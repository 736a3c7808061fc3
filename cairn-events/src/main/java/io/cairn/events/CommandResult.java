package io.cairn.events;

import java.util.List;

/**
 * What a command did: its id, whether it was a retry of a command already applied (then nothing was
 * written now), the appends, and the position to await for read-your-writes (START when the command
 * appended nothing).
 */
public record CommandResult(String commandId, boolean duplicate, List<AppendResult> appended, Position position) {
}
