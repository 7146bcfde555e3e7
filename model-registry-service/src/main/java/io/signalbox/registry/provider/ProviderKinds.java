package io.signalbox.registry.provider;

/** The APIs a provider can speak, as the gateway's translators know them. */
public final class ProviderKinds {

    /** For {@code @Pattern}: exactly one of the kinds. */
    public static final String PATTERN = "openai|azure-openai|anthropic|bedrock|vertex|openai-compatible";

    public static final String MESSAGE =
            "must be one of openai, azure-openai, anthropic, bedrock, vertex, openai-compatible";

    private ProviderKinds() {
    }
}
