/**
 * The whole configuration as one YAML document, for GitOps: exported with every reference by name (so
 * it can be applied to another environment) and imported as an idempotent upsert. Secrets are never
 * part of it: provider credentials are left out, and virtual keys are issued per environment.
 */
@NullMarked
package io.signalbox.registry.configfile;

import org.jspecify.annotations.NullMarked;
