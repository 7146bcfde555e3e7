package io.signalbox.cost.report.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Boot adds every message-converter bean to Spring MVC's converters. */
@Configuration(proxyBeanMethods = false)
class ReportWebConfiguration {

    @Bean
    CostReportCsvConverter costReportCsvConverter() {
        return new CostReportCsvConverter();
    }
}
