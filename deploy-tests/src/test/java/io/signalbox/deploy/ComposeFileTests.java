package io.signalbox.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeFileTests {

    /** The Signalbox services and the port each listens on. */
    private static final Map<String, Integer> SERVICES = Map.of("edge-gateway", 8080, "routing-service", 8081,
            "model-registry-service", 8082, "telemetry-service", 8083, "cost-service", 8084);

    /** The simulated pools and their ports. */
    private static final Map<String, Integer> POOLS = Map.of("pool-small", 9001, "pool-large", 9002);

    /** Images without a shell or an HTTP client, which Docker cannot probe. */
    private static final Map<String, String> UNPROBEABLE = Map.of("otel-collector", "otel/opentelemetry-collector-contrib:");

    private static final Pattern URL = Pattern.compile("^https?://([a-z0-9-]+):(\\d+)(/.*)?$");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void isAValidComposeFileForDockerCompose() throws IOException, InterruptedException {
        Path binary = dockerCompose().orElseThrow(() -> new AssertionError("docker-compose is not on the PATH. "
                + "Install the Debian package docker-compose (.ci/run installs it when it is missing)."));

        Result quiet = run(binary.toString(), "-f", "docker-compose.yml", "config", "-q");
        assertThat(quiet.exitCode()).as("docker-compose config -q: %s", quiet.output()).isZero();
        Result services = run(binary.toString(), "-f", "docker-compose.yml", "config", "--services");
        assertThat(services.exitCode()).as(services.output()).isZero();
        assertThat(services.output().lines().map(String::strip).filter(line -> !line.isEmpty()).sorted().toList())
                .isEqualTo(compose.services().keySet().stream().sorted().toList());
    }

    @Test
    void everyServiceIsHealthCheckedOrRunsOnceExceptTheDistrolessCollector() {
        for (String name : compose.services().keySet()) {
            if (compose.isOneShot(name)) {
                assertThat(compose.service(name)).as(name).doesNotContainKey("healthcheck");
            }
            else if (UNPROBEABLE.containsKey(name)) {
                assertThat(Tree.string(compose.service(name), "image")).as(name).startsWith(UNPROBEABLE.get(name));
            }
            else {
                assertThat(compose.hasHealthcheck(name)).as("%s has a healthcheck", name).isTrue();
            }
        }
    }

    @Test
    void everyServiceHasAMemoryLimit() {
        for (String name : compose.services().keySet()) {
            assertThat(Tree.string(compose.service(name), "mem_limit")).as(name).matches("\\d+[mg]");
        }
    }

    @Test
    void everySignalboxServiceLeavesItsJvmRoomBesideTheHeap() {
        for (String name : SERVICES.keySet()) {
            String options = Objects.requireNonNull(compose.env(name, "JAVA_TOOL_OPTIONS"), name);
            assertThat(JvmMemory.besideTheHeapMib(options, Tree.string(compose.service(name), "mem_limit")))
                    .as("%s: MiB of its memory limit beside the heap", name)
                    .isGreaterThanOrEqualTo(JvmMemory.BESIDE_THE_HEAP_MIB);
        }
    }

    @Test
    void startsEveryServiceOnlyOnceWhatItNeedsIsHealthyOrDone() {
        List<String> dependencies = new ArrayList<>();
        for (String name : compose.services().keySet()) {
            Map<String, Object> dependsOn = Tree.map(compose.service(name), "depends_on");
            dependsOn.forEach((target, condition) -> {
                String wanted = Tree.string(condition, "condition");
                dependencies.add(name + " -> " + target);
                if (compose.hasHealthcheck(target)) {
                    assertThat(wanted).as("%s waits for %s", name, target).isEqualTo("service_healthy");
                }
                else if (compose.isOneShot(target)) {
                    assertThat(wanted).as("%s waits for %s", name, target).isEqualTo("service_completed_successfully");
                }
                else {
                    assertThat(wanted).as("%s waits for %s", name, target).isEqualTo("service_started");
                }
            });
        }
        assertThat(dependencies).contains("model-registry-service -> postgres", "model-registry-service -> kafka-init",
                "cost-service -> postgres", "routing-service -> model-registry-service", "edge-gateway -> redis",
                "edge-gateway -> routing-service", "kafka-init -> kafka", "bootstrap -> routing-service");
        for (String service : SERVICES.keySet()) {
            assertThat(dependencies).as("%s waits for its topics", service).contains(service + " -> kafka-init");
        }
    }

    @Test
    void runsTheSignalboxImagesBuiltFromTheirModulesReadOnlyWithoutCapabilities() {
        List<String> built = new ArrayList<>(SERVICES.keySet());
        built.addAll(POOLS.keySet());
        for (String name : built) {
            Map<String, Object> service = compose.service(name);
            String module = name.startsWith("pool-") ? "inference-simulator" : name;

            assertThat(Tree.string(service, "build")).as(name).isEqualTo("./" + module);
            assertThat(Files.isRegularFile(Repository.path(module + "/Dockerfile"))).as(module).isTrue();
            assertThat(Tree.string(service, "image")).as(name).startsWith("signalbox/" + module + ":");
            assertThat(service.get("read_only")).as(name).isEqualTo(true);
            assertThat(Tree.list(service, "tmpfs")).as(name).contains("/tmp");
            assertThat(Tree.list(service, "cap_drop")).as(name).containsExactly("ALL");
            assertThat(Tree.list(service, "security_opt")).as(name).contains("no-new-privileges:true");
        }
    }

    @Test
    void givesEveryServiceTheSettingsItCannotStartWithout() {
        for (String service : SERVICES.keySet()) {
            assertThat(compose.env(service, "KAFKA_BOOTSTRAP_SERVERS")).as(service).isEqualTo("kafka:9092");
            assertThat(compose.env(service, "SIGNALBOX_INTERNAL_TOKEN")).as(service).hasSizeGreaterThanOrEqualTo(16);
            assertThat(compose.env(service, "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).as(service)
                    .isEqualTo("http://otel-collector:4318/v1/traces");
            if (!service.equals("edge-gateway")) {
                assertThat(compose.env(service, "SIGNALBOX_ADMIN_TOKEN")).as(service).hasSizeGreaterThanOrEqualTo(16);
            }
        }
        assertThat(compose.env("model-registry-service", "REGISTRY_DB_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/registry");
        assertThat(compose.env("cost-service", "COST_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/cost");
        assertThat(compose.env("routing-service", "SIGNALBOX_REGISTRY_URL")).isEqualTo("http://model-registry-service:8082");
        assertThat(compose.env("edge-gateway", "SIGNALBOX_ROUTING_URL")).isEqualTo("http://routing-service:8081");
        assertThat(compose.env("edge-gateway", "SIGNALBOX_REGISTRY_URL")).isEqualTo("http://model-registry-service:8082");
        assertThat(compose.env("edge-gateway", "SIGNALBOX_GATEWAY_COST_URL")).isEqualTo("http://cost-service:8084");
        assertThat(compose.env("edge-gateway", "SIGNALBOX_GATEWAY_TELEMETRY_URL")).isEqualTo("http://telemetry-service:8083");
        assertThat(compose.env("edge-gateway", "REDIS_HOST")).isEqualTo("redis");
    }

    @Test
    void pointsEveryServiceUrlAtAServiceOnThePortItListensOn() {
        Map<String, Integer> ports = new HashMap<>(SERVICES);
        ports.putAll(POOLS);
        ports.put("otel-collector", 4318);
        for (String name : compose.services().keySet()) {
            Tree.map(compose.service(name), "environment").forEach((variable, raw) -> {
                Matcher url = URL.matcher(ComposeFile.withDefaults(String.valueOf(raw)));
                if (url.matches() && !url.group(1).equals("localhost")) {
                    assertThat(ports).as("%s %s", name, variable).containsEntry(url.group(1), Integer.parseInt(url.group(2)));
                }
            });
        }
    }

    @Test
    void encryptsProviderCredentialsUnderA256BitKey() {
        String active = Objects.requireNonNull(compose.env("model-registry-service", "SIGNALBOX_CREDENTIALS_ACTIVE_KEY"));
        String key = compose.env("model-registry-service", "SIGNALBOX_CREDENTIALS_KEYS_" + active.toUpperCase());

        assertThat(active).matches("[a-z0-9]+");
        assertThat(key).as("the active key's material").isNotNull();
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    }

    @Test
    void createsTheDatabasesAndOwnersTheServicesLogInWith() {
        String init = Repository.read("deploy/postgres/init-databases.sh");
        Map<String, Object> postgres = compose.service("postgres");

        for (String[] service : new String[][] { { "model-registry-service", "REGISTRY" }, { "cost-service", "COST" } }) {
            String database = Objects.requireNonNull(compose.env(service[0], service[1] + "_DB_URL"))
                    .replaceAll(".*/", "");
            String user = compose.env(service[0], service[1] + "_DB_USERNAME");
            assertThat(init).contains("CREATE ROLE " + user + " LOGIN PASSWORD")
                    .contains("CREATE DATABASE " + database + " OWNER " + user + ";");
            assertThat(compose.env("postgres", service[1] + "_DB_PASSWORD")).as("the password the init script sets")
                    .isEqualTo(compose.env(service[0], service[1] + "_DB_PASSWORD"));
        }
        assertThat(Tree.list(postgres, "volumes")).contains(
                "./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/10-signalbox-databases.sh:ro");
    }

    @Test
    void scrapesEveryServiceAndPoolWithPrometheus() {
        Map<String, Object> prometheus = ComposeFile.loadYaml("deploy/prometheus/prometheus.yml");
        List<Map<String, Object>> jobs = Tree.maps(prometheus, "scrape_configs");

        SERVICES.forEach((service, port) -> assertThat(jobs).as(service).anySatisfy(job -> {
            assertThat(job.get("job_name")).isEqualTo(service);
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            assertThat(Tree.maps(job, "static_configs").getFirst().get("targets")).isEqualTo(List.of(service + ":" + port));
        }));
        List<Object> poolTargets = jobs.stream().filter(job -> "/metrics".equals(job.get("metrics_path")))
                .flatMap(job -> Tree.maps(job, "static_configs").stream()).flatMap(target -> Tree.list(target, "targets").stream())
                .toList();
        POOLS.forEach((pool, port) -> assertThat(poolTargets).contains(pool + ":" + port));
    }

    @Test
    void runsEachPoolWithTheEndpointTheDemoCatalogRoutesTo() {
        Map<String, Object> catalog = ComposeFile.loadYaml("deploy/bootstrap/demo-catalog.yaml");

        POOLS.forEach((pool, port) -> {
            String mount = Tree.list(compose.service(pool), "volumes").getFirst().toString();
            String file = mount.substring(2, mount.indexOf(':'));
            Map<String, Object> endpoint = Tree.maps(ComposeFile.loadYaml(file), "signalbox", "simulator", "endpoints")
                    .getFirst();
            Map<String, Object> catalogPool = Tree.maps(catalog, "pools").stream()
                    .filter(candidate -> pool.equals(candidate.get("name"))).findFirst().orElseThrow();
            Map<String, Object> model = Tree.maps(catalog, "models").stream()
                    .filter(candidate -> candidate.get("name").equals(catalogPool.get("model"))).findFirst().orElseThrow();

            assertThat(endpoint.get("port")).as(pool).isEqualTo(port);
            assertThat(endpoint.get("host")).as(pool).isEqualTo("0.0.0.0");
            assertThat(Tree.maps(catalogPool, "endpoints")).singleElement().satisfies(entry -> assertThat(entry.get("baseUrl"))
                    .isEqualTo("http://" + pool + ":" + port + "/v1"));
            assertThat(Tree.list(endpoint, "models")).as(pool).containsExactly(model.get("upstreamModel"));
            assertThat(model.get("contextWindow")).as("%s context window", pool).isEqualTo(endpoint.get("context-window"));
            assertThat(Tree.string(compose.service(pool), "healthcheck", "test")).as(pool).contains(":" + port + "/health");
        });
    }

    @Test
    void theChartsDemoCatalogIsTheComposeCatalogOnTheChartsSimulator() {
        String compose = withoutComments(Repository.read("deploy/bootstrap/demo-catalog.yaml"));
        String chart = withoutComments(Repository.read("helm/signalbox/files/demo-catalog.yaml"));

        assertThat(chart.replace("{{ .simulator }}:9001/v1", "http://pool-small:9001/v1")
                .replace("{{ .simulator }}:9002/v1", "http://pool-large:9002/v1")).isEqualTo(compose);
    }

    @Test
    void publishesPortsOnLoopbackOnly() {
        List<Object> published = compose.services().values().stream().flatMap(service -> Tree.list(service, "ports").stream())
                .toList();

        assertThat(published).isNotEmpty().allSatisfy(port -> assertThat(ComposeFile.withDefaults(port.toString()))
                .startsWith("127.0.0.1:"));
    }

    private static String withoutComments(String yaml) {
        return String.join("\n", yaml.lines().filter(line -> !line.startsWith("#")).toList());
    }

    private static Optional<Path> dockerCompose() {
        return Arrays.stream(Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "docker-compose")).filter(Files::isExecutable).findFirst();
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(Repository.root().toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("docker-compose did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
