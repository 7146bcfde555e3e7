package io.signalbox.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedRedisServerTests {

    @Test
    void answersWithoutPersistenceAndIsGoneOnceClosed() throws Exception {
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(0);
        try {
            assertThat(redis.isRunning()).isTrue();
            assertThat(command(redis.port(), "PING")).isEqualTo("+PONG\r\n");
            // the rate-limit counters are never written to disk
            assertThat(command(redis.port(), "CONFIG", "GET", "save")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
            assertThat(command(redis.port(), "CONFIG", "GET", "appendonly"))
                    .isEqualTo("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
        }
        finally {
            redis.close();
        }

        assertThat(redis.isRunning()).as("close returns once the process has ended").isFalse();
        assertThatThrownBy(() -> command(redis.port(), "PING")).isInstanceOf(ConnectException.class);
        redis.close();
    }

    /** One command over RESP; returns the first reply read (small replies arrive in one read). */
    private static String command(int port, String... parts) throws IOException {
        StringBuilder request = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            request.append('$').append(part.length()).append("\r\n").append(part).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[256];
            int read = in.read(reply);
            return new String(reply, 0, read, StandardCharsets.US_ASCII);
        }
    }
}
