package io.catalogingest.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.catalogingest.gateway.error.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint but health needs a bearer JWT: signature (HS256 secret or RS256 JWKS), expiry, not-before,
 * issuer, audience, and a tenant claim. Roles become {@code ROLE_user} / {@code ROLE_admin}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    private final JwtProperties jwt;

    SecurityConfiguration(JwtProperties jwt) {
        this.jwt = jwt;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder decoder, JsonMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/releases/*/review").hasRole(Roles.ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(token -> token.decoder(decoder).jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint((request, response, e) ->
                                write(response, json, HttpStatus.UNAUTHORIZED, "Missing or invalid bearer token"))
                        .accessDeniedHandler((request, response, e) ->
                                write(response, json, HttpStatus.FORBIDDEN, "Your role does not allow this")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                write(response, json, HttpStatus.UNAUTHORIZED, "Missing or invalid bearer token"))
                        .accessDeniedHandler((request, response, e) ->
                                write(response, json, HttpStatus.FORBIDDEN, "Your role does not allow this")));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder() {
        NimbusJwtDecoder decoder;
        if (jwt.jwksUri() != null && !jwt.jwksUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwksUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else {
            if (jwt.secret() == null || jwt.secret().getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalStateException("catalog.security.jwt.secret (JWT_SECRET) must be at least 32 bytes");
            }
            SecretKeySpec key = new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(jwt.issuer()));
        validators.add(token -> token.getAudience() != null && token.getAudience().contains(jwt.audience())
                ? OAuth2TokenValidatorResult.success()
                : failure("the token is not meant for audience " + jwt.audience()));
        validators.add(token -> {
            String tenant = token.getClaimAsString(jwt.tenantClaim());
            return tenant != null && tenant.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,62}")
                    ? OAuth2TokenValidatorResult.success()
                    : failure("the token has no valid '" + jwt.tenantClaim() + "' claim");
        });
        validators.add(token -> token.getExpiresAt() != null
                ? OAuth2TokenValidatorResult.success() : failure("the token has no expiry"));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver(jwt));
    }

    private JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(token -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            for (String role : CallerArgumentResolver.roles(token, jwt)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
            return authorities;
        });
        return converter;
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    private static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String message)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), ApiError.of(message));
    }
}
