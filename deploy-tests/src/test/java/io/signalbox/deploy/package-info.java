/**
 * Checks of the deployment artefacts without a Docker engine or a cluster: the Helm chart is linted and rendered
 * in process by Helm itself (helm-java), docker-compose.yml is validated by {@code docker-compose config} and
 * read as YAML, and the Dockerfiles and support files under {@code deploy/} are checked against what the
 * services need.
 */
@NullMarked
package io.signalbox.deploy;

import org.jspecify.annotations.NullMarked;
