package io.cairn.cli;

import java.io.Console;
import java.util.Arrays;
import java.util.Optional;

import io.cairn.PassphrasePrompt;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.Passphrase;

/** The last step of the repository passphrase rule on the command line: ask on the terminal, when there is one. */
public final class TerminalPrompt implements PassphrasePrompt {
    public static final TerminalPrompt INSTANCE = new TerminalPrompt();

    private TerminalPrompt() {
    }

    @Override
    public Optional<Passphrase> ask(String what, boolean confirm) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] first = console.readPassword("Enter %s: ", what);
        if (confirm) {
            char[] second = console.readPassword("Enter %s again: ", what);
            if (!Arrays.equals(first, second)) {
                throw new CairnException(ErrorCode.USAGE, "the two passphrases differ; nothing was changed");
            }
        }
        return Optional.of(Passphrase.of(first == null ? new char[0] : first));
    }
}
