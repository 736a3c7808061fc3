package io.cairn.cli;

/** Entry point of the runnable jar: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CairnCli.run(args));
    }
}
