package io.signalbox.simulator.standalone;

import java.time.Duration;
import java.util.List;

import io.signalbox.simulator.endpoint.EndpointSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.simulator.*}: the endpoints to run. Unset values take the defaults of
 * {@link EndpointSpec.Builder}, so the programmatic API and the YAML agree on them.
 *
 * @param endpoints at least one endpoint
 */
@Validated
@ConfigurationProperties("signalbox.simulator")
public record SimulatorProperties(@NotEmpty List<@Valid Endpoint> endpoints) {

    List<EndpointSpec> specs() {
        return endpoints.stream().map(Endpoint::toSpec).toList();
    }

    /**
     * One endpoint; see {@link EndpointSpec} for the meaning and the defaults of each value.
     *
     * @param name unique endpoint name
     * @param host bind address, default 127.0.0.1
     * @param port bind port, 0 (default) for a free one
     * @param models model names served
     * @param ttft time to first token, e.g. {@code 30ms}
     * @param timePerOutputToken time between output tokens, e.g. {@code 8ms}
     * @param minOutputTokens shortest natural answer
     * @param maxOutputTokens longest natural answer
     * @param contextWindow prompt plus completion tokens accepted
     * @param seed seed of the deterministic text
     * @param requestLogSize requests kept for {@code GET /sim/requests}
     */
    public record Endpoint(
            @NotBlank String name,
            @Nullable String host,
            @Nullable @PositiveOrZero @Max(65_535) Integer port,
            @NotEmpty List<@NotBlank String> models,
            @Nullable Duration ttft,
            @Nullable Duration timePerOutputToken,
            @Nullable @Positive Integer minOutputTokens,
            @Nullable @Positive Integer maxOutputTokens,
            @Nullable @Positive Integer contextWindow,
            @Nullable Long seed,
            @Nullable @PositiveOrZero Integer requestLogSize) {

        EndpointSpec toSpec() {
            EndpointSpec.Builder builder = EndpointSpec.builder(name).models(models);
            if (host != null) {
                builder.host(host);
            }
            if (port != null) {
                builder.port(port);
            }
            if (ttft != null) {
                builder.ttft(ttft);
            }
            if (timePerOutputToken != null) {
                builder.timePerOutputToken(timePerOutputToken);
            }
            if (minOutputTokens != null) {
                builder.minOutputTokens(minOutputTokens);
            }
            if (maxOutputTokens != null) {
                builder.maxOutputTokens(maxOutputTokens);
            }
            if (contextWindow != null) {
                builder.contextWindow(contextWindow);
            }
            if (seed != null) {
                builder.seed(seed);
            }
            if (requestLogSize != null) {
                builder.requestLogSize(requestLogSize);
            }
            return builder.build();
        }
    }
}
