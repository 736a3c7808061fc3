package io.cairn.repository.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RetrierTest {
    private final List<Duration> waits = new ArrayList<>();
    private final Retrier retrier = new Retrier(4, Duration.ofMillis(100), S3Storage::isTransient, waits::add);

    @Test
    void transientFailuresAreRetriedWithGrowingBackoff() {
        AtomicInteger calls = new AtomicInteger();
        String result = retrier.run("get", () -> {
            if (calls.incrementAndGet() == 1) {
                throw S3Exception.builder().statusCode(503).message("slow down").build();
            }
            if (calls.get() == 2) {
                throw SdkClientException.create("connection reset");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isLessThan(Duration.ofMillis(100));
        assertThat(waits.get(1)).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void permanentFailuresAndExhaustedAttemptsFail() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrier.run("get", () -> {
            calls.incrementAndGet();
            throw S3Exception.builder().statusCode(403).message("denied").build();
        })).isInstanceOf(S3Exception.class);
        assertThat(calls).hasValue(1);
        assertThatThrownBy(() -> retrier.run("get", () -> {
            calls.incrementAndGet();
            throw S3Exception.builder().statusCode(500).message("boom").build();
        })).isInstanceOf(S3Exception.class);
        assertThat(calls).hasValue(5);
        assertThat(retrier.backoff(30)).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }
}
