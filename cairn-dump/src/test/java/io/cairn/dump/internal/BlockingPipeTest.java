package io.cairn.dump.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockingPipeTest {

    @Test
    void carriesBytesAcrossThreadsInOrder() throws Exception {
        BlockingPipe pipe = new BlockingPipe(2);
        byte[] data = new byte[3 * BlockingPipe.BLOCK + 123];
        new Random(3).nextBytes(data);
        Thread writer = new Thread(() -> {
            try (OutputStream out = pipe.output()) {
                for (int i = 0; i < data.length; i += 1000) {
                    out.write(data, i, Math.min(1000, data.length - i));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        try (InputStream in = pipe.input()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        writer.join();
    }

    @Test
    void aFailureReachesTheReaderInsteadOfAnEnd() {
        BlockingPipe pipe = new BlockingPipe(2);
        new Thread(() -> {
            try {
                pipe.output().write(new byte[10]);
                pipe.output().flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            pipe.fail(new IOException("cursor died"));
        }).start();
        assertThatThrownBy(() -> pipe.input().readAllBytes()).isInstanceOf(IOException.class).hasMessage("cursor died");
    }

    @Test
    void aReaderThatStopsUnblocksTheWriter() throws Exception {
        BlockingPipe pipe = new BlockingPipe(1);
        pipe.input().close();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                pipe.output().write(new byte[BlockingPipe.BLOCK]);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
