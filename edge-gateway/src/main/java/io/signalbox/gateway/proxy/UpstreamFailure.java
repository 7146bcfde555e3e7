package io.signalbox.gateway.proxy;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.signalbox.gateway.credentials.ProviderCredentialStore;

/**
 * What kind of failure a call to an upstream ended in, which decides whether another target may be
 * tried. Only failures before the request reached the upstream are safe to fail over: a completion that
 * timed out or lost its connection after it was sent may still run, and running it twice would pay twice.
 */
enum UpstreamFailure {

    /** The connection could not be made: nothing was sent, the next target may be tried. */
    CONNECT("connect_error", true),

    /** The provider's credentials could not be fetched: nothing was sent, the next target may be tried. */
    CREDENTIALS("credentials_unavailable", true),

    /** The upstream did not answer in time after the request was sent. */
    TIMEOUT("timeout", false),

    /** The exchange broke after the request was sent. */
    BROKEN("upstream_error", false);

    private final String outcome;

    private final boolean failoverSafe;

    UpstreamFailure(String outcome, boolean failoverSafe) {
        this.outcome = outcome;
        this.failoverSafe = failoverSafe;
    }

    static UpstreamFailure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProviderCredentialStore.CredentialsUnavailableException) {
                return CREDENTIALS;
            }
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return CONNECT;
            }
            if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
                return TIMEOUT;
            }
        }
        return BROKEN;
    }

    String outcome() {
        return outcome;
    }

    boolean failoverSafe() {
        return failoverSafe;
    }
}
