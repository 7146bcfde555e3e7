package io.signalbox.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard query reader finds the metric names and only them. */
class DashboardQueriesTests {

    @Test
    void findsTheMetricsOfFunctionsAggregationsAndBinaryOperations() {
        assertThat(DashboardQueries.metricNames(
                "histogram_quantile(0.95, sum by (le, gen_ai_response_model) "
                        + "(rate(gen_ai_client_operation_duration_seconds_bucket[$__rate_interval])))"))
                .containsExactly("gen_ai_client_operation_duration_seconds_bucket");
        assertThat(DashboardQueries.metricNames("sum by (model) (rate(signalbox_request_errors_total[5m])) / "
                + "sum by (model) (rate(signalbox_requests_total{endpoint!=\"none\", model=~\"a|b\"}[5m]))"))
                .containsExactly("signalbox_request_errors_total", "signalbox_requests_total");
        assertThat(DashboardQueries.metricNames("sum by (team, currency) (rate(signalbox_team_cost_micros_total"
                + "[$__rate_interval])) * 3600 / 1e6")).containsExactly("signalbox_team_cost_micros_total");
        assertThat(DashboardQueries.metricNames("sum by (route, model) (rate(signalbox_routing_decisions_total[1m])) "
                + "/ ignoring(model) group_left sum by (route) (rate(signalbox_routing_decisions_total[1m]))"))
                .containsExactly("signalbox_routing_decisions_total");
    }

    @Test
    void keepsColonsOfRecordingRuleAndVllmNamesAndIgnoresLabelValuesThatLookLikeMetrics() {
        assertThat(DashboardQueries.metricNames("sum by (model_name) (vllm:num_requests_waiting)"))
                .containsExactly("vllm:num_requests_waiting");
        assertThat(DashboardQueries.metricNames("up{job=~\"edge-gateway|telemetry-service\"} offset 5m"))
                .containsExactly("up");
        assertThat(DashboardQueries.metricNames("max(resilience4j_circuitbreaker_state{state=\"open\"}) and on() "
                + "vector(1)")).containsExactly("resilience4j_circuitbreaker_state");
    }

    @Test
    void readsTheMetricOfALabelValuesVariable() {
        assertThat(DashboardQueries.metricNames("label_values(signalbox_requests_total{job=\"x\"}, model)"))
                .containsExactly("signalbox_requests_total");
        assertThat(DashboardQueries.metricNames("label_values(model)")).isEmpty();
    }

    @Test
    void readsAnExpositionsSampleNames() {
        assertThat(DashboardQueries.exposed("""
                # HELP signalbox_requests_total Requests
                # TYPE signalbox_requests_total counter
                signalbox_requests_total{model="a"} 3.0
                vllm:num_requests_waiting 0
                jvm_threads_live_threads 42.0
                """)).containsExactly("jvm_threads_live_threads", "signalbox_requests_total",
                "vllm:num_requests_waiting");
    }

    @Test
    void everyDashboardHasQueriesAndEachNamesAMetric() {
        List<DashboardQueries.Query> queries = DashboardQueries.queries(Path.of("..", "deploy", "grafana",
                "dashboards"));

        assertThat(queries).extracting(DashboardQueries.Query::dashboard).contains("signalbox-traffic.json",
                "signalbox-latency.json", "signalbox-cost.json", "signalbox-routing.json", "signalbox-budgets.json");
        assertThat(queries).allSatisfy(query -> assertThat(DashboardQueries.metricNames(query.expr()))
                .as("%s / %s: %s", query.dashboard(), query.panel(), query.expr()).isNotEmpty());
        Set<String> all = new java.util.TreeSet<>();
        queries.forEach(query -> all.addAll(DashboardQueries.metricNames(query.expr())));
        assertThat(all).as("nothing that is a label, a function or a number").noneMatch(
                name -> Set.of("le", "model", "rate", "sum", "by", "e6").contains(name));
    }
}
