package io.signalbox.gateway.limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Loads the gateway's Lua scripts once. A script made from a classpath resource checks the resource's
 * modification time before every call, which inside a Boot jar opens a jar URL connection per request;
 * a script made from the text does not.
 */
final class LuaScripts {

    private LuaScripts() {
    }

    static <T> RedisScript<T> load(String location, Class<T> resultType) {
        try {
            String text = new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8);
            return RedisScript.of(text, resultType);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Lua script " + location, ex);
        }
    }
}
