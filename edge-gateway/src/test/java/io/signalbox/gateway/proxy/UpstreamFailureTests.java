package io.signalbox.gateway.proxy;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFailureTests {

    @Test
    void connectFailuresAreSafeToFailOver() {
        assertThat(UpstreamFailure.classify(wrapped(new ConnectException("refused")))).isEqualTo(UpstreamFailure.CONNECT);
        assertThat(UpstreamFailure.classify(wrapped(new ConnectTimeoutException("slow syn"))))
                .isEqualTo(UpstreamFailure.CONNECT);
        assertThat(UpstreamFailure.CONNECT.failoverSafe()).isTrue();
    }

    @Test
    void timeoutsAfterSendingAreNotFailedOver() {
        assertThat(UpstreamFailure.classify(wrapped(ReadTimeoutException.INSTANCE))).isEqualTo(UpstreamFailure.TIMEOUT);
        assertThat(UpstreamFailure.classify(new TimeoutException("no answer"))).isEqualTo(UpstreamFailure.TIMEOUT);
        assertThat(UpstreamFailure.TIMEOUT.failoverSafe()).isFalse();
    }

    @Test
    void aConnectionThatBreaksAfterSendingIsNotFailedOver() {
        assertThat(UpstreamFailure.classify(wrapped(new IOException("Connection reset by peer"))))
                .isEqualTo(UpstreamFailure.BROKEN);
        assertThat(UpstreamFailure.BROKEN.failoverSafe()).isFalse();
    }

    static WebClientRequestException wrapped(Throwable cause) {
        return new WebClientRequestException(cause, HttpMethod.POST, java.net.URI.create("http://127.0.0.1:1/v1"),
                HttpHeaders.EMPTY);
    }
}
