package io.signalbox.simulator.standalone;

import io.signalbox.simulator.server.SimulatorServer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the endpoints when the context starts and unbinds them when it closes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

    @Bean(destroyMethod = "close")
    SimulatorServer simulatorServer(SimulatorProperties properties) {
        return SimulatorServer.start(properties.specs());
    }
}
