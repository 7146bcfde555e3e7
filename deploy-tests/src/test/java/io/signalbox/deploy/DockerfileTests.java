package io.signalbox.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each runnable module's Dockerfile: a layered image of the reactor's executable jar, run by a non-root user. */
class DockerfileTests {

    private static final Pattern USER = Pattern.compile("(?m)^USER (\\d+)(?::(\\d+))?$");

    @ParameterizedTest
    @ValueSource(strings = { "edge-gateway", "routing-service", "model-registry-service", "telemetry-service",
            "cost-service", "inference-simulator" })
    void buildsALayeredImageOfTheExecutableJarThatRunsAsANonRootUser(String module) {
        assertThat(Files.isRegularFile(Repository.path(module + "/Dockerfile"))).as(module + "/Dockerfile").isTrue();
        String dockerfile = Repository.read(module + "/Dockerfile");

        assertThat(dockerfile).contains("ARG JAR_FILE=target/" + module + "-*-exec.jar")
                .contains("java -Djarmode=tools -jar application.jar extract --layers --launcher --destination layers")
                .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]")
                .contains("VOLUME /tmp")
                .contains("-XX:MaxRAMPercentage=");
        assertThat(dockerfile.lines().filter(line -> line.startsWith("FROM ")))
                .allMatch(line -> line.startsWith("FROM eclipse-temurin:21-jre"));
        List<String> layers = dockerfile.lines().filter(line -> line.startsWith("COPY --from=extract"))
                .map(line -> line.replaceAll(".*/layers/([a-z-]+)/.*", "$1")).toList();
        assertThat(layers).as("least to most often changed")
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        Matcher user = USER.matcher(dockerfile);
        assertThat(user.find()).as("a numeric USER, so runAsNonRoot can be verified").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        assertThat(dockerfile.indexOf("USER ")).as("USER before ENTRYPOINT").isLessThan(dockerfile.indexOf("ENTRYPOINT"));
        assertThat(Repository.read(module + "/.dockerignore").lines().toList()).as("the build context is the jar")
                .containsSubsequence("*", "!target/*-exec.jar");
    }
}
