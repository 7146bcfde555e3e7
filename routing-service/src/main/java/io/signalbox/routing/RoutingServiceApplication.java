package io.signalbox.routing;

import java.io.PrintStream;
import java.util.Arrays;

import io.signalbox.routing.offline.OfflineCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RoutingServiceApplication {

    /**
     * Starts the service, or with {@code offline} as the first argument runs the offline scorer tool
     * (docs/routing.md) and exits without starting Spring.
     */
    public static void main(String[] args) {
        if (args.length > 0 && "offline".equals(args[0])) {
            // Libraries (ONNX, DJL) log to standard output; keep it for the JSONL results alone.
            PrintStream results = System.out;
            System.setOut(System.err);
            System.exit(OfflineCli.run(Arrays.copyOfRange(args, 1, args.length), results, System.err));
        }
        SpringApplication.run(RoutingServiceApplication.class, args);
    }
}
