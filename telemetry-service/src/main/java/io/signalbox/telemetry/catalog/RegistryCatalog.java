package io.signalbox.telemetry.catalog;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.kit.security.ApiSecurityProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.client.RestClient;

/**
 * The registry's catalog ({@code GET /internal/v1/catalog}, internal token), fetched at start and every
 * {@code refresh-interval}. Telemetry only needs it for names, providers and quality tiers, which change rarely, so
 * a periodic refresh is enough; while the registry is unreachable the last catalog (or none) is used and tiers
 * are simply unknown. It never blocks usage ingestion.
 */
public class RegistryCatalog implements ModelDirectory {

    static final String CATALOG_PATH = "/internal/v1/catalog";

    private static final Logger log = LoggerFactory.getLogger(RegistryCatalog.class);

    private final RestClient http;

    private final AtomicReference<@Nullable CatalogIndex> current = new AtomicReference<>();

    private final AtomicBoolean failing = new AtomicBoolean();

    RegistryCatalog(RestClient.Builder builder, CatalogProperties properties, ApiSecurityProperties security) {
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withTimeouts(properties.connectTimeout(), properties.readTimeout());
        this.http = builder.baseUrl(properties.url().toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + security.internalToken())
                .build();
    }

    /**
     * Fetches the catalog now; keeps the previous one when the registry cannot answer. Once one is loaded the
     * request is conditional (its version's entity tag), so an unchanged catalog comes back as a bodiless 304.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${signalbox.telemetry.catalog.refresh-interval:60s}")
    public void refresh() {
        try {
            CatalogIndex held = current.get();
            ResponseEntity<String> answer = http.get().uri(CATALOG_PATH).accept(MediaType.APPLICATION_JSON)
                    .headers(headers -> {
                        if (held != null) {
                            headers.setIfNoneMatch(CatalogSnapshot.entityTag(held.version()));
                        }
                    })
                    .retrieve().toEntity(String.class);
            boolean unchanged = held != null && answer.getStatusCode().isSameCodeAs(HttpStatus.NOT_MODIFIED);
            CatalogIndex index = held;
            if (!unchanged) {
                String body = answer.getBody();
                if (body == null) {
                    throw new IllegalStateException("empty answer");
                }
                index = new CatalogIndex(ContractJson.fromJson(body, CatalogSnapshot.class));
                current.set(index);
            }
            if (failing.getAndSet(false) && index != null) {
                log.info("Registry catalog version {} loaded again", index.version());
            }
        }
        catch (RuntimeException ex) {
            if (!failing.getAndSet(true)) {
                log.warn("Cannot load the registry catalog ({}); quality tiers stay {} until it answers",
                        ex.getMessage(), current.get() == null ? "unknown" : "as last loaded");
            }
        }
    }

    /** The loaded catalog's version, or -1 before one is loaded. */
    public long version() {
        CatalogIndex index = current.get();
        return index == null ? -1 : index.version();
    }

    @Override
    public @Nullable String providerOf(String modelId) {
        CatalogIndex index = current.get();
        return index == null ? null : index.providerOf(modelId);
    }

    @Override
    public @Nullable String nameOf(String modelId) {
        CatalogIndex index = current.get();
        return index == null ? null : index.nameOf(modelId);
    }

    @Override
    public @Nullable String tierOf(@Nullable String routeAlias, String modelId) {
        CatalogIndex index = current.get();
        return index == null ? null : index.tierOf(routeAlias, modelId);
    }
}
