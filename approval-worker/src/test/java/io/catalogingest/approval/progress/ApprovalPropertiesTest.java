package io.catalogingest.approval.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ApprovalPropertiesTest {

    @Test
    void retriesBackOffExponentiallyUpToTheMaximum() {
        ApprovalProperties properties = new ApprovalProperties(2, Duration.ofSeconds(10), 50, Duration.ofMinutes(10),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(properties.retryDelay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.retryDelay(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(properties.retryDelay(100)).isEqualTo(Duration.ofMinutes(5));
    }
}
