package io.signalbox.registry.model;

/** The words the model API accepts: statuses, capabilities and the shape of client-visible names. */
public final class ModelVocabulary {

    public static final String STATUS_PATTERN = "active|deprecated|disabled";

    public static final String STATUS_MESSAGE = "must be one of active, deprecated, disabled";

    public static final String CAPABILITY_PATTERN = "chat|completion|embeddings|tools|vision|json_schema|reasoning";

    public static final String CAPABILITY_MESSAGE =
            "must be one of chat, completion, embeddings, tools, vision, json_schema, reasoning";

    public static final String TIER_PATTERN = "economy|standard|premium";

    public static final String TIER_MESSAGE = "must be one of economy, standard, premium";

    /** Region names as cloud providers write them: {@code eu-west}, {@code us-east-1}. */
    public static final String REGION_PATTERN = "[a-z0-9][a-z0-9-]*";

    public static final String REGION_MESSAGE = "must be lower-case letters, digits and -, such as eu-west";

    /** Client-visible names: what an OpenAI SDK sends as {@code model}, e.g. {@code meta-llama/Llama-3.1-8B}. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:/-]*";

    public static final String NAME_MESSAGE = "must start with a letter or digit and use only letters, digits and . _ : / -";

    private ModelVocabulary() {
    }
}
