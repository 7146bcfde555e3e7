package io.signalbox.gateway.proxy;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import reactor.core.publisher.Flux;

/** An upstream's status and headers, with its body not yet read. */
record UpstreamResponse(HttpStatusCode status, HttpHeaders headers, Flux<DataBuffer> body) {

    /** Reads and releases the body of a response that will not be passed on. */
    void discard() {
        body.subscribe(DataBufferUtils::release, ignored -> { });
    }
}
