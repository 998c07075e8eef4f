package io.step3vl.inference.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final FakeTicker ticker = new FakeTicker();

    private RateLimiter limiter(double rate, int burst) {
        return new RateLimiter(rate, burst, Duration.ofSeconds(1), Duration.ofSeconds(60), ticker);
    }

    @Test
    void aBurstGoesAtOnceThenOneRequestPerInterval() throws Exception {
        RateLimiter l = limiter(4, 2);
        l.acquire();
        l.acquire();
        assertThat(ticker.sleeps()).isEmpty();
        l.acquire();
        l.acquire();
        // two more tokens at 4/s: 0.25 s each
        assertThat(ticker.totalSlept()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void unlimitedNeverWaits() throws Exception {
        RateLimiter l = limiter(0, 1);
        for (int i = 0; i < 100; i++) {
            l.acquire();
        }
        assertThat(ticker.sleeps()).isEmpty();
        assertThat(l.rate()).isInfinite();
    }

    @Test
    void a429PausesForRetryAfterAndHalvesTheRate() throws Exception {
        RateLimiter l = limiter(10, 1);
        l.acquire();
        assertThat(l.onRateLimited(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(l.rate()).isEqualTo(5);
        l.acquire();
        // waits out the pause, then one token at the halved rate (0.2 s)
        assertThat(ticker.totalSlept()).isEqualTo(Duration.ofMillis(3200));
    }

    @Test
    void withoutRetryAfterThePauseGrowsPerConsecutive429() {
        RateLimiter l = limiter(10, 1);
        assertThat(l.onRateLimited(null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(l.onRateLimited(null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(l.onRateLimited(null)).isEqualTo(Duration.ofSeconds(4));
        l.onSuccess();
        assertThat(l.onRateLimited(null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anUnlimitedClientStartsFromHalfItsMeasuredRateAndRecovers() throws Exception {
        RateLimiter l = limiter(0, 1);
        for (int i = 0; i < 40; i++) { // 40 requests over 4 s = 10/s
            l.acquire();
            ticker.advance(Duration.ofMillis(100));
        }
        l.onRateLimited(Duration.ZERO);
        assertThat(l.rate()).isBetween(4.5, 5.5);
        for (int i = 0; i < 200; i++) {
            l.onSuccess();
        }
        assertThat(l.rate()).isInfinite();
    }

    @Test
    void theRateNeverFallsBelowTheFloor() {
        RateLimiter l = limiter(1, 1);
        for (int i = 0; i < 30; i++) {
            l.onRateLimited(Duration.ZERO);
        }
        assertThat(l.rate()).isEqualTo(RateLimiter.MIN_RATE);
    }

    @Test
    void successRaisesASlowedRateBackToTheConfiguredOne() {
        RateLimiter l = limiter(8, 1);
        l.onRateLimited(Duration.ZERO);
        assertThat(l.rate()).isEqualTo(4);
        for (int i = 0; i < 100; i++) {
            l.onSuccess();
        }
        assertThat(l.rate()).isEqualTo(8);
    }
}
