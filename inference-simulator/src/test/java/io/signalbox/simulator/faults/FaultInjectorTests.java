package io.signalbox.simulator.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.signalbox.simulator.faults.FaultInjector.Fault.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultInjectorTests {

    private final AtomicLong clock = new AtomicLong();

    @Test
    void drawsTheSameFaultsInTheSameOrderUnderTheSameSeed() {
        FaultSpec faults = FaultSpec.none().withErrors(0.3, 503).withRateLimit(0.1, Duration.ofSeconds(2)).withSeed(42);

        List<Kind> first = kinds(new FaultInjector(faults, clock::get), 200);
        List<Kind> again = kinds(new FaultInjector(faults, clock::get), 200);
        List<Kind> otherSeed = kinds(new FaultInjector(faults.withSeed(43), clock::get), 200);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first.stream().filter(kind -> kind == Kind.ERROR).count()).isBetween(30L, 90L);
        assertThat(first.stream().filter(kind -> kind == Kind.RATE_LIMITED).count()).isBetween(5L, 40L);
    }

    @Test
    void refusesEveryRequestInsideAnOutageWindowOnly() {
        FaultInjector injector = new FaultInjector(FaultSpec.none().withOutages(
                List.of(new FaultSpec.Window(Duration.ofSeconds(1), Duration.ofSeconds(2)))), clock::get);

        assertThat(injector.next().kind()).isEqualTo(Kind.DEGRADED);
        clock.set(Duration.ofMillis(1_000).toNanos());
        assertThat(injector.next().kind()).isEqualTo(Kind.OUTAGE);
        clock.set(Duration.ofMillis(2_999).toNanos());
        assertThat(injector.next().kind()).isEqualTo(Kind.OUTAGE);
        clock.set(Duration.ofMillis(3_000).toNanos());
        assertThat(injector.next().kind()).isEqualTo(Kind.DEGRADED);
    }

    @Test
    void settingFaultsRestartsTheWindowsAndTheSequence() {
        FaultSpec faults = FaultSpec.none().withErrors(0.5, 500).withSeed(1);
        FaultInjector injector = new FaultInjector(faults, clock::get);
        List<Kind> before = kinds(injector, 20);

        injector.set(faults);

        assertThat(kinds(injector, 20)).isEqualTo(before);
    }

    @Test
    void refusesImpossibleFaults() {
        assertThatIllegalArgumentException().isThrownBy(() -> FaultSpec.none().withErrors(1.5, 500))
                .withMessage("errorRate must be within 0..1, was 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> FaultSpec.none().withErrors(0.1, 404))
                .withMessage("errorStatus must be 500, 502 or 503, was 404");
    }

    private static List<Kind> kinds(FaultInjector injector, int count) {
        return IntStream.range(0, count).mapToObj(index -> injector.next().kind()).toList();
    }
}
