package io.signalbox.gateway.proxy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.gateway.tracing.*}: whether traced requests' spans also carry the prompt and the answer
 * ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}). Off by default: whoever reads the traces then
 * reads what users wrote. Turn it on only where the tracing backend may hold such data.
 *
 * @param captureContent attach the request's messages and the model's answer to sampled requests' spans
 * @param maxContentChars the longest text attached per attribute; longer text is cut and marked
 */
@Validated
@ConfigurationProperties("signalbox.gateway.tracing")
public record SpanContentProperties(
        @DefaultValue("false") boolean captureContent,
        @DefaultValue("16384") @Min(64) @Max(1_048_576) int maxContentChars) {
}
