package io.signalbox.cost.budget;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Webhook URLs are absolute http(s) URLs without user info (credentials belong in the receiver's URL path). */
final class WebhookUrls {

    private WebhookUrls() {
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }
}
