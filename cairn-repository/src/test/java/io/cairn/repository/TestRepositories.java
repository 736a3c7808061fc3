package io.cairn.repository;

import io.cairn.repository.storage.LocalStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Shared helpers: cheap key derivation and small chunks/packs so tests run fast. */
final class TestRepositories {
    static final Passphrase PASSPHRASE = Passphrase.of("correct horse battery staple");
    static final KeyDerivation FAST_KDF = KeyDerivation.argon2id(1024, 1, 1);

    private TestRepositories() {
    }

    static InitOptions smallOptions() {
        return InitOptions.defaults().withKeyDerivation(FAST_KDF).withPackSize(1 << 20)
                .withChunkSizes(16 << 10, 64 << 10, 256 << 10);
    }

    static Repository init(Path directory) {
        return Repository.init(new LocalStorage(directory), PASSPHRASE, smallOptions());
    }

    static Repository open(Path directory) {
        return Repository.open(new LocalStorage(directory), PASSPHRASE);
    }

    /** Writes {@code size} bytes: half random (incompressible), half repetitive text. */
    static void writeMixed(Path file, long seed, int size) throws IOException {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        random.nextBytes(data);
        byte[] text = ("line of fairly compressible text " + seed + "\n").getBytes();
        for (int i = size / 2; i < size; i++) {
            data[i] = text[i % text.length];
        }
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }
}
