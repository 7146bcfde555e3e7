package io.signalbox.gateway.limits;

/**
 * One limit that applies to a request: whose it is ({@code key:<id>} or {@code team:<id>}), what it counts
 * ({@code requests} or {@code tokens}), its per-minute limit, and what this request costs against it.
 */
record LimitWindow(String owner, String kind, long limit, long cost) {
}
