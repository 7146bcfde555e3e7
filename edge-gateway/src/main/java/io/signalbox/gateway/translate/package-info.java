/**
 * Provider translation: one translator per (client API, backend API) pair, so that an OpenAI-format
 * request can be served by a backend that speaks another API, streams included.
 */
@NullMarked
package io.signalbox.gateway.translate;

import org.jspecify.annotations.NullMarked;
