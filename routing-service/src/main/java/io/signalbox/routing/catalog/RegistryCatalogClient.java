package io.signalbox.routing.catalog;

import java.util.Optional;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.kit.security.ApiSecurityProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Fetches the catalog from model-registry-service's internal API. The body is read as text and
 * parsed with {@link ContractJson}, the codec the registry wrote it with, so both sides agree on
 * every field (exact decimal prices in particular). The builder is Boot's, so the call carries the
 * current trace. A resync asks conditionally ({@link #fetchIfChanged}), so an unchanged catalog is not rebuilt
 * from the registry's tables, sent and parsed again every interval.
 */
@Component
class RegistryCatalogClient implements CatalogFetcher {

    static final String CATALOG_PATH = "/internal/v1/catalog";

    private final RestClient http;

    RegistryCatalogClient(RestClient.Builder builder, RegistryProperties registry, ApiSecurityProperties security) {
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withTimeouts(registry.connectTimeout(), registry.readTimeout());
        this.http = builder.baseUrl(registry.url().toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + security.internalToken())
                .build();
    }

    @Override
    public CatalogSnapshot fetch() {
        return parse(http.get()
                .uri(CATALOG_PATH)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(String.class));
    }

    /** Asks with the held version's entity tag; the registry answers 304 without a snapshot while it is current. */
    @Override
    public Optional<CatalogSnapshot> fetchIfChanged(long heldVersion) {
        ResponseEntity<String> answer = http.get()
                .uri(CATALOG_PATH)
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_NONE_MATCH, CatalogSnapshot.entityTag(heldVersion))
                .retrieve()
                .toEntity(String.class);
        if (answer.getStatusCode().isSameCodeAs(HttpStatus.NOT_MODIFIED)) {
            return Optional.empty();
        }
        return Optional.of(parse(answer.getBody()));
    }

    private static CatalogSnapshot parse(@Nullable String body) {
        if (body == null) {
            throw new IllegalStateException("The registry answered " + CATALOG_PATH + " without a body");
        }
        return ContractJson.fromJson(body, CatalogSnapshot.class);
    }
}
