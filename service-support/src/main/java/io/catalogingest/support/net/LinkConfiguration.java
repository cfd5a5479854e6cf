package io.catalogingest.support.net;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The link checks of {@code catalog.links.*}, imported by the features that take or fetch media links. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinkProperties.class)
public class LinkConfiguration {

    @Bean
    LinkTargets linkTargets(LinkProperties properties) {
        return new LinkTargets(properties);
    }
}
