package io.devreg.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The configuration metadata the build generates (what an IDE completes {@code devreg.*} from): every
 * property is there with a description, and every default it states is the one devreg really has.
 */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribedAndItsStatedDefaultIsTheRealOne() throws Exception {
        Map<String, ConfigurationMetadataProperty> properties;
        try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(json).as("META-INF/spring-configuration-metadata.json").isNotNull();
            properties = ConfigurationMetadataRepositoryJsonBuilder.create(json).build().getAllProperties();
        }

        assertThat(properties.keySet()).containsExactlyInAnyOrder("devreg.store", "devreg.embedded.directory",
                "devreg.jdbc.table-prefix", "devreg.jdbc.schema-mode", "devreg.jdbc.cache.mode",
                "devreg.jdbc.cache.maximum-devices", "devreg.jdbc.cache.max-staleness", "devreg.holds.default-ttl",
                "devreg.holds.max-lifetime", "devreg.idempotency.retention", "devreg.housekeeping.enabled",
                "devreg.housekeeping.interval", "devreg.housekeeping.batch-size", "devreg.metrics.device-count-interval");
        DevregProperties defaults = new DevregProperties();
        for (ConfigurationMetadataProperty property : properties.values()) {
            assertThat(property.getDescription()).as(property.getId()).isNotBlank();
            if (property.getId().equals("devreg.holds.default-ttl")) {
                assertThat(property.getDefaultValue()).as("unset: holds never expire").isNull();
                continue;
            }
            assertThat(property.getDefaultValue()).as(property.getId()).isNotNull();
            // bound from the stated default, a property equals the one a fresh DevregProperties has
            DevregProperties bound = new DevregProperties();
            new Binder(new MapConfigurationPropertySource(Map.of(property.getId(), String.valueOf(property.getDefaultValue()))))
                    .bind("devreg", Bindable.ofInstance(bound));
            String path = beanPath(property.getId());
            assertThat(new BeanWrapperImpl(bound).getPropertyValue(path)).as(property.getId())
                    .isEqualTo(new BeanWrapperImpl(defaults).getPropertyValue(path));
        }
    }

    /** {@code devreg.jdbc.cache.max-staleness} as a bean path: {@code jdbc.cache.maxStaleness}. */
    private static String beanPath(String property) {
        return Arrays.stream(property.substring("devreg.".length()).split("\\."))
                .map(ConfigurationMetadataTest::camel)
                .collect(Collectors.joining("."));
    }

    private static String camel(String kebab) {
        String[] words = kebab.split("-");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return camel.toString();
    }
}
