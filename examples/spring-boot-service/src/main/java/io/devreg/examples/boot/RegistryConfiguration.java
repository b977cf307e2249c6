package io.devreg.examples.boot;

import io.devreg.DeviceRegistry;
import io.devreg.spi.DeviceStore;
import io.devreg.storage.memory.InMemoryDeviceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registry and its store. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean(destroyMethod = "close")
    DeviceStore deviceStore(DevregProperties properties) {
        return new InMemoryDeviceStore();
    }

    @Bean
    DeviceRegistry deviceRegistry(DeviceStore store) {
        return DeviceRegistry.builder().store(store).build();
    }
}
