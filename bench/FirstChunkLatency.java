import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time to the first streamed chunk, through each target, at a fixed request rate: what the shared harness does
 * not measure (h2load sees a stream only at its last byte). Run with the JDK's source launcher, no build:
 *
 * <pre>
 * java bench/FirstChunkLatency.java RATE SECONDS WARMUP_SECONDS OUT_TSV 'name|url|header' ...
 * </pre>
 *
 * Each target gets WARMUP_SECONDS of discarded requests, then SECONDS measured, one after the other. Requests
 * start on a fixed schedule (open loop), and each latency counts from the moment its request was due, so a slow
 * target cannot hide its delay by slowing the sender down. "First chunk" is the arrival of the first SSE
 * {@code data:} line; "last byte" the end of the body. Every target gets the same client, so its own cost cancels
 * out in the difference to the first target (the direct one). Connections are kept alive and reused, as an SDK
 * does.
 */
public final class FirstChunkLatency {

    private static final String BODY = """
            {"model":"gpt-4o-mini","stream":true,"max_tokens":16,"temperature":0,\
            "messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello."}]}""";

    record Target(String name, URI uri, String headerName, String headerValue) {

        static Target parse(String spec) {
            String[] parts = spec.split("\\|", -1);
            if (parts.length < 2) {
                throw new IllegalArgumentException("a target is 'name|url|header', got: " + spec);
            }
            String header = parts.length > 2 ? parts[2].strip() : "";
            int colon = header.indexOf(':');
            return new Target(parts[0].strip(), URI.create(parts[1].strip()),
                    colon < 0 ? "" : header.substring(0, colon).strip(),
                    colon < 0 ? "" : header.substring(colon + 1).strip());
        }
    }

    /** One request: nanoseconds from when it was due to its first chunk and to its last byte; -1 if it failed. */
    record Sample(long firstChunkNanos, long lastByteNanos, String failure) {
    }

    record Summary(String target, int sent, int ok, double[] firstChunkMs, double[] lastByteMs, List<String> failures) {

        double firstChunk(double quantile) {
            return percentile(firstChunkMs, quantile);
        }

        double lastByte(double quantile) {
            return percentile(lastByteMs, quantile);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: java bench/FirstChunkLatency.java RATE SECONDS WARMUP_SECONDS OUT_TSV "
                    + "'name|url|header' ...");
            System.exit(2);
        }
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        List<Target> targets = Arrays.stream(args, 4, args.length).map(Target::parse).toList();

        List<Summary> summaries = new ArrayList<>();
        for (Target target : targets) {
            if (warmup > 0) {
                run(target, rate, warmup);
            }
            Summary summary = summarise(target, run(target, rate, seconds));
            summaries.add(summary);
            System.out.printf(Locale.ROOT, "  %-10s n=%-6d ok=%-6d first chunk p50=%.3f p90=%.3f p99=%.3f  "
                    + "last byte p50=%.3f p99=%.3f ms%n", target.name(), summary.sent(), summary.ok(),
                    summary.firstChunk(0.50), summary.firstChunk(0.90), summary.firstChunk(0.99),
                    summary.lastByte(0.50), summary.lastByte(0.99));
            summary.failures().stream().distinct().limit(3).forEach(failure -> System.out.println("    " + failure));
        }
        write(out, rate, summaries);
        printTable(System.out, rate, summaries);
    }

    /** Sends {@code rate} streamed requests per second for {@code seconds}, each on its own virtual thread. */
    static List<Sample> run(Target target, int rate, int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Connection> pool = new ConcurrentLinkedQueue<>();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        int count = rate * seconds;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                threads.execute(() -> samples.add(send(target, pool, due)));
            }
            threads.shutdown();
            if (!threads.awaitTermination(seconds + 30L, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        }
        pool.forEach(Connection::close);
        return new ArrayList<>(samples);
    }

    /**
     * One request on a pooled keep-alive connection. A hand-written HTTP/1.1 exchange over a socket costs the client
     * tens of microseconds, where the JDK's HttpClient adds milliseconds of its own (thread hand-offs), which would
     * drown a difference of one millisecond in noise.
     */
    static Sample send(Target target, ConcurrentLinkedQueue<Connection> pool, long due) {
        Connection connection = pool.poll();
        try {
            if (connection == null) {
                connection = Connection.open(target.uri());
            }
            connection.write(target);
            Response response = connection.read();
            if (response.reusable()) {
                pool.add(connection);
            }
            else {
                connection.close();
            }
            if (response.status() != 200) {
                return new Sample(-1, -1, "HTTP " + response.status() + ": " + response.start());
            }
            if (response.firstDataNanos() < 0) {
                return new Sample(-1, -1, "the stream ended without a data: line");
            }
            return new Sample(response.firstDataNanos() - due, response.endNanos() - due, null);
        }
        catch (IOException | RuntimeException failure) {
            if (connection != null) {
                connection.close();
            }
            return new Sample(-1, -1, failure.toString());
        }
    }

    /** What one response showed: status, when its first {@code data:} line and its end arrived, its first bytes. */
    record Response(int status, long firstDataNanos, long endNanos, boolean reusable, String start) {
    }

    /** A keep-alive HTTP/1.1 connection that reads a response's body as it arrives, chunked or not. */
    static final class Connection implements AutoCloseable {

        private final Socket socket;

        private final InputStream in;

        private final OutputStream out;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16_384);
            this.out = socket.getOutputStream();
        }

        static Connection open(URI uri) throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()), 5_000);
            return new Connection(socket);
        }

        void write(Target target) throws IOException {
            URI uri = target.uri();
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append("POST ").append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Content-Type: application/json\r\nAccept: text/event-stream\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            if (!target.headerName().isEmpty()) {
                head.append(target.headerName()).append(": ").append(target.headerValue()).append("\r\n");
            }
            byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            out.write(request);
            out.flush();
        }

        Response read() throws IOException {
            String statusLine = line();
            String[] status = statusLine.split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x response: " + statusLine);
            }
            long contentLength = -1;
            boolean chunked = false;
            boolean close = status[0].equals("HTTP/1.0");
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> { }
                }
            }
            DataLines scanner = new DataLines();
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    scanner.scan(in, size);
                    line(); // the CRLF after the chunk
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            }
            else if (contentLength >= 0) {
                scanner.scan(in, contentLength);
            }
            else {
                scanner.scan(in, Long.MAX_VALUE);
                close = true;
            }
            return new Response(Integer.parseInt(status[1]), scanner.firstDataNanos, System.nanoTime(), !close,
                    scanner.start.toString());
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
        }

        /** One CRLF- or LF-terminated line, without its terminator. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int next;
            while ((next = in.read()) >= 0 && next != '\n') {
                if (next != '\r') {
                    line.append((char) next);
                }
            }
            if (next < 0 && line.isEmpty()) {
                throw new EOFException("the connection closed");
            }
            return line.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Notes when the first line starting with {@code data:} arrives, across chunk boundaries. */
    static final class DataLines {

        private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

        long firstDataNanos = -1;

        final StringBuilder start = new StringBuilder();

        private boolean atLineStart = true;

        private int matched;

        void scan(InputStream in, long length) throws IOException {
            for (long i = 0; i < length; i++) {
                int next = in.read();
                if (next < 0) {
                    if (length == Long.MAX_VALUE) {
                        return;
                    }
                    throw new EOFException("the body ended early");
                }
                if (start.length() < 300) {
                    start.append((char) next);
                }
                if (firstDataNanos >= 0) {
                    continue;
                }
                if (next == '\n') {
                    atLineStart = true;
                    matched = 0;
                }
                else if (atLineStart && next == DATA[matched]) {
                    if (++matched == DATA.length) {
                        firstDataNanos = System.nanoTime();
                    }
                }
                else {
                    atLineStart = false;
                }
            }
        }
    }

    static Summary summarise(Target target, List<Sample> samples) {
        List<Sample> ok = samples.stream().filter(sample -> sample.failure() == null).toList();
        double[] first = ok.stream().mapToDouble(sample -> sample.firstChunkNanos() / 1e6).sorted().toArray();
        double[] last = ok.stream().mapToDouble(sample -> sample.lastByteNanos() / 1e6).sorted().toArray();
        List<String> failures = samples.stream().map(Sample::failure).filter(failure -> failure != null).toList();
        return new Summary(target.name(), samples.size(), ok.size(), first, last, failures);
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static void write(Path out, int rate, List<Summary> summaries) throws IOException {
        StringBuilder tsv = new StringBuilder(
                "target\trate\tsent\tok\tfirst_p50\tfirst_p90\tfirst_p99\tlast_p50\tlast_p99\n");
        for (Summary summary : summaries) {
            tsv.append(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f%n", summary.target(),
                    rate,
                    summary.sent(), summary.ok(), summary.firstChunk(0.50), summary.firstChunk(0.90),
                    summary.firstChunk(0.99), summary.lastByte(0.50), summary.lastByte(0.99)));
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, tsv);
    }

    static void printTable(PrintStream console, int rate, List<Summary> summaries) {
        if (summaries.isEmpty()) {
            return;
        }
        Summary base = summaries.getFirst();
        console.printf(Locale.ROOT, "%nfirst streamed chunk at %d req/s (ms; delta against %s)%n", rate, base.target());
        console.println("| target | ok / sent | p50 | p90 | p99 | Δp50 | Δp99 |");
        console.println("|---|---|---|---|---|---|---|");
        for (Summary summary : summaries) {
            boolean isBase = summary == base;
            console.printf(Locale.ROOT, "| %s | %d / %d | %.2f | %.2f | %.2f | %s | %s |%n", summary.target(),
                    summary.ok(), summary.sent(), summary.firstChunk(0.50), summary.firstChunk(0.90),
                    summary.firstChunk(0.99),
                    isBase ? "" : delta(summary.firstChunk(0.50), base.firstChunk(0.50)),
                    isBase ? "" : delta(summary.firstChunk(0.99), base.firstChunk(0.99)));
        }
    }

    private static String delta(double value, double base) {
        return String.format(Locale.ROOT, "%+.2f", value - base);
    }
}
