package io.signalbox.gateway;

import java.time.Clock;

import io.signalbox.gateway.models.ModelsHandler;
import io.signalbox.gateway.openai.Operation;
import io.signalbox.gateway.proxy.ProxyHandler;
import io.signalbox.gateway.translate.AnthropicClientTranslator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The OpenAI-compatible surface, and Anthropic's {@code /v1/messages} served through the same pipeline. These router functions are consulted before Spring Cloud Gateway's
 * route table, which carries the admin and report APIs (see application.yml).
 */
@Configuration(proxyBeanMethods = false)
class OpenAiRoutes {

    @Bean
    RouterFunction<ServerResponse> openAiApi(ProxyHandler proxy, ModelsHandler models,
            AnthropicClientTranslator anthropic) {
        return RouterFunctions.route()
                .POST("/v1/chat/completions", proxy.handlerFor(Operation.CHAT_COMPLETIONS))
                .POST("/v1/messages", proxy.handlerFor(anthropic))
                .POST("/v1/completions", proxy.handlerFor(Operation.COMPLETIONS))
                .POST("/v1/embeddings", proxy.handlerFor(Operation.EMBEDDINGS))
                .GET("/v1/models", models::list)
                .GET("/v1/models/{*model}", request -> models.get(request))
                .route(RequestPredicates.path("/v1/**"), models::unknown)
                .build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
