package io.signalbox.registry.common.web;

/** An update came without {@code If-Match}; answered 428 Precondition Required. */
public class IfMatchRequiredException extends RuntimeException {

    public IfMatchRequiredException() {
        super("Send 'If-Match' with the ETag of the revision you read; updates without it could silently undo "
                + "someone else's change.");
    }
}
