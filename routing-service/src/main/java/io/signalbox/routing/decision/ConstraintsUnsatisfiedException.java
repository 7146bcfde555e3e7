package io.signalbox.routing.decision;

/**
 * Every model behind the requested name was removed by a hard constraint of this request (a capability it
 * lacks, a context window too small, a region or privacy rule): the request, not the catalog, must change.
 */
public class ConstraintsUnsatisfiedException extends RuntimeException {

    ConstraintsUnsatisfiedException(String detail) {
        super(detail);
    }
}
