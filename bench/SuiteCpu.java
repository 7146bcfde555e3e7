import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during each measured load run: CPU time of every process of the Signalbox stack
 * (gateway, routing-service, the launcher with the Kafka broker, PostgreSQL, ...) per request, for each of the
 * harness's runs, the direct ones included (there every request is the suite's background work). The harness
 * reports the gateway's CPU only; on this machine the whole suite shares the two cores with the load generator
 * and the mock, so a run's latency depends on all of it. Run with the JDK's source launcher, no build:
 *
 * <pre>
 * java bench/SuiteCpu.java SAMPLES_TSV LOGS_DIR OUT_TSV $(getconf CLK_TCK)
 * </pre>
 *
 * SAMPLES_TSV holds lines {@code epoch_us pid name ticks} (cumulative user + system clock ticks of one process,
 * written about twice a second by bench/gateway-overhead.sh). LOGS_DIR is the harness's {@code logs} folder of
 * h2load per-request logs ({@code start_us status duration_us}); each {@code <scenario>_<target>.log} (warm-ups
 * excluded) gives a window from its first request's start to its last request's end. A process's ticks at the
 * window's edges are interpolated between its samples.
 */
public final class SuiteCpu {

    private record Sample(long atMicros, long ticks) {}

    private record Window(String run, long fromMicros, long toMicros, int requests) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java bench/SuiteCpu.java SAMPLES_TSV LOGS_DIR OUT_TSV CLOCK_TICKS_PER_SECOND");
            System.exit(2);
        }
        long ticksPerSecond = Long.parseLong(args[3]);
        Map<String, String> nameOf = new HashMap<>();
        Map<String, List<Sample>> samplesOf = new HashMap<>();
        try (Stream<String> lines = Files.lines(Path.of(args[0]))) {
            lines.map(l -> l.split("\t")).filter(f -> f.length == 4).forEach(f -> {
                nameOf.put(f[1], f[2]);
                samplesOf.computeIfAbsent(f[1], k -> new ArrayList<>())
                        .add(new Sample(Long.parseLong(f[0]), Long.parseLong(f[3])));
            });
        }
        List<Window> windows = new ArrayList<>();
        try (Stream<Path> logs = Files.list(Path.of(args[1]))) {
            for (Path log : logs.sorted().toList()) {
                String file = log.getFileName().toString();
                if (file.endsWith(".log") && !file.endsWith(".warmup.log")) {
                    window(file.substring(0, file.length() - 4), log).ifPresent(windows::add);
                }
            }
        }
        TreeSet<String> names = new TreeSet<>(nameOf.values());
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[2])), true, "UTF-8")) {
            out.println("run\trequests\twindow_s\tprocess\tcpu_s\tcpu_us_per_req\tcores");
            for (Window w : windows) {
                Map<String, Double> cpu = new TreeMap<>();
                for (var e : samplesOf.entrySet()) {
                    double ticks = ticksAt(e.getValue(), w.toMicros()) - ticksAt(e.getValue(), w.fromMicros());
                    cpu.merge(nameOf.get(e.getKey()), ticks / ticksPerSecond, Double::sum);
                }
                double seconds = (w.toMicros() - w.fromMicros()) / 1e6;
                double total = 0;
                for (String name : names) {
                    double s = cpu.getOrDefault(name, 0.0);
                    total += s;
                    out.println(row(w, seconds, name, s));
                }
                out.println(row(w, seconds, "all", total));
            }
        }
    }

    private static String row(Window w, double seconds, String name, double cpuSeconds) {
        return String.format(Locale.ROOT, "%s\t%d\t%.1f\t%s\t%.2f\t%.0f\t%.2f", w.run(), w.requests(), seconds, name,
                cpuSeconds, w.requests() == 0 ? Double.NaN : cpuSeconds * 1e6 / w.requests(), cpuSeconds / seconds);
    }

    private static Optional<Window> window(String run, Path log) throws IOException {
        long from = Long.MAX_VALUE, to = Long.MIN_VALUE;
        int requests = 0;
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            long start = Long.parseLong(f[0].trim());
            from = Math.min(from, start);
            to = Math.max(to, start + Long.parseLong(f[2].trim()));
            requests++;
        }
        return requests == 0 ? Optional.empty() : Optional.of(new Window(run, from, to, requests));
    }

    /** A process's cumulative ticks at a moment, interpolated between the samples around it. */
    private static double ticksAt(List<Sample> samples, long atMicros) {
        Sample before = null;
        for (Sample s : samples) {
            if (s.atMicros() >= atMicros) {
                if (before == null) {
                    return s.ticks(); // the process started inside the window: count from its first sample
                }
                double f = (double) (atMicros - before.atMicros()) / (s.atMicros() - before.atMicros());
                return before.ticks() + f * (s.ticks() - before.ticks());
            }
            before = s;
        }
        return before == null ? 0 : before.ticks(); // the process ended before: its last known count
    }
}
