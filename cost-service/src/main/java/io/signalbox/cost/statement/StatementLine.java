package io.signalbox.cost.statement;

import io.signalbox.cost.report.Measures;
import org.jspecify.annotations.Nullable;

/**
 * A model's spend on a statement, in one currency (null: requests that carried no price).
 *
 * @param model the model's name, else its id, else {@code (none)}
 */
public record StatementLine(String model, @Nullable String currency, Measures measures) {

    /** Some of the line's token counts were estimated by the gateway rather than reported upstream. */
    public boolean tokensEstimated() {
        return measures.estimatedRequests() > 0;
    }
}
