package io.signalbox.registry.pool;

/** The words the pool API accepts. */
public final class PoolVocabulary {

    /** Region names as cloud providers write them: {@code eu-west}, {@code us-east-1}, {@code local}. */
    public static final String REGION_PATTERN = "[a-z0-9][a-z0-9-]*";

    public static final String REGION_MESSAGE = "must be lower-case letters, digits and -, such as eu-west";

    public static final String STATE_PATTERN = "active|draining|disabled";

    public static final String STATE_MESSAGE = "must be one of active, draining, disabled";

    private PoolVocabulary() {
    }
}
