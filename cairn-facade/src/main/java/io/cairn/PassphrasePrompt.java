package io.cairn;

import io.cairn.repository.Passphrase;
import java.util.Optional;

/**
 * The last step of the repository passphrase rule (see {@link CairnBuilder}): asks a person.
 * The CLI prompts on its terminal; a library or daemon has no one to ask and leaves it unset.
 */
@FunctionalInterface
public interface PassphrasePrompt {
    /**
     * The passphrase typed, or empty when there is no one to ask.
     *
     * @param what    what is asked for, e.g. "repository passphrase"
     * @param confirm ask twice and require both to match (a new repository or key)
     */
    Optional<Passphrase> ask(String what, boolean confirm);

    /** Nobody to ask. */
    static PassphrasePrompt none() {
        return (what, confirm) -> Optional.empty();
    }
}
