package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * docs/cli.md promises {@code -h, --help} on every command: walks the whole command tree and runs
 * each command with {@code --help} and {@code -h}, expecting its usage on stdout and exit 0 (also
 * for commands with required options and parameters), and a usage error's advice naming a help
 * command that itself works.
 */
class HelpEverywhereTest {

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        List<List<String>> commands = new ArrayList<>();
        walk(CairnCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                new ArrayList<>(), commands);
        assertThat(commands).hasSizeGreaterThan(40);
        return commands.stream().flatMap(path -> Stream.of("--help", "-h").map(flag -> DynamicTest.dynamicTest(
                String.join(" ", path) + " " + flag, () -> assertHelp(path, flag))));
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias of a subcommand already walked
            }
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            walk(sub, deeper, into);
        });
    }

    private static void assertHelp(List<String> path, String flag) {
        String[] args = Stream.concat(path.stream(), Stream.of(flag)).toArray(String[]::new);
        CliRun run = CliRun.of(args);
        String line = "cairn " + String.join(" ", args);
        assertThat(run.exitCode()).as(line + "\n" + run.err()).isZero();
        assertThat(run.err()).as(line).isEmpty();
        assertThat(run.out()).as(line).startsWith("Usage: " + String.join(" ", Stream.concat(Stream.of("cairn"),
                path.stream()).toList())).contains("-h, --help");
    }

    @Test
    void usageErrorAdviceNamesAHelpCommandThatWorks() {
        for (String[] wrong : List.of(new String[] {"check", "--jsn"}, new String[] {"pg", "backup", "--bogus"},
                new String[] {"snapshots", "--frobnicate"}, new String[] {"restore", "latest"})) {
            CliRun run = CliRun.of(wrong);
            assertThat(run.exitCode()).isEqualTo(2);
            String advice = run.err().lines().filter(l -> l.startsWith("cairn: see '")).findFirst().orElseThrow();
            String helpCommand = advice.substring("cairn: see '".length(), advice.length() - 1);
            assertThat(helpCommand).startsWith("cairn ").endsWith(" --help");
            CliRun help = CliRun.of(helpCommand.substring("cairn ".length()).split(" "));
            assertThat(help.exitCode()).as(helpCommand + "\n" + help.err()).isZero();
            assertThat(help.out()).startsWith("Usage: cairn");
        }
    }
}
