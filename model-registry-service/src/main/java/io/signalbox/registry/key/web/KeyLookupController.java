package io.signalbox.registry.key.web;

import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.key.KeyService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The gateway's key check: by SHA-256 hash, so the key itself never travels past the gateway. */
@RestController
class KeyLookupController {

    private final KeyService keys;

    KeyLookupController(KeyService keys) {
        this.keys = keys;
    }

    /** 404 for unknown, revoked and expired keys alike. */
    @GetMapping("/internal/v1/keys/{sha256Hex}")
    KeyIdentity lookup(@PathVariable String sha256Hex) {
        return keys.lookup(sha256Hex).orElseThrow(() -> new NotFoundException("key", sha256Hex));
    }
}
