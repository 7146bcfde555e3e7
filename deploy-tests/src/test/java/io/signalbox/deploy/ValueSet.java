package io.signalbox.deploy;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** The value sets the chart is rendered with; files in {@code src/test/resources/values}. */
enum ValueSet {

    /** The chart's own values.yaml and nothing else. */
    DEFAULTS(null),

    /** Existing Secrets for everything, SASL_SSL, TLS Redis, Ingress with TLS, autoscaling, ServiceMonitor, dashboards. */
    PRODUCTION("production.yaml"),

    /** Gateway API HTTPRoutes, the admin API on its own host. */
    GATEWAY_API("gateway-api.yaml"),

    /** One replica each, no PDBs, no network policies, nothing exposed, topics managed elsewhere. */
    MINIMAL("minimal.yaml"),

    /** Every secret as a value, the plain topics Job, the simulator and the demo catalog Job. */
    INLINE_SECRETS("inline-secrets.yaml");

    private final @Nullable String file;

    ValueSet(@Nullable String file) {
        this.file = file;
    }

    @Nullable Path path() {
        if (file == null) {
            return null;
        }
        URL resource = Objects.requireNonNull(ValueSet.class.getResource("/values/" + file), file);
        try {
            return Path.of(resource.toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
