package io.cairn.repository.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 requests are retried on transient failures only, with growing, jittered waits. */
class S3RetryTest {
    private final List<Duration> waits = new ArrayList<>();
    private final Retry retry = S3Storage.retry("test", 4, Duration.ofMillis(100), waits::add);

    @Test
    void transientFailuresAreRetriedWithGrowingBackoff() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.run(() -> {
            if (calls.incrementAndGet() == 1) {
                throw S3Exception.builder().statusCode(503).message("slow down").build();
            }
            if (calls.get() == 2) {
                throw SdkClientException.create("connection reset");
            }
            return "ok";
        }, S3Storage::isTransient);
        assertThat(result).isEqualTo("ok");
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(waits.get(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void permanentFailuresAndExhaustedAttemptsFail() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw S3Exception.builder().statusCode(403).message("denied").build();
        }, S3Storage::isTransient)).isInstanceOf(S3Exception.class);
        assertThat(calls).hasValue(1);
        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw S3Exception.builder().statusCode(500).message("boom").build();
        }, S3Storage::isTransient)).isInstanceOf(S3Exception.class);
        assertThat(calls).hasValue(5);
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(20)));
    }
}
