package io.catalogingest.gateway.security;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.support.secrets.InsecureDefaults;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of the API port needs a bearer JWT (health, metrics and Prometheus are on the management port):
 * signature (HS256 secret or RS256 JWKS), expiry and not-before (with a small, configured clock skew), issuer,
 * audience, and a tenant claim. Roles become {@code ROLE_user}, {@code ROLE_admin}, ...; a token with no role of
 * {@link Roles#MEMBERS} (a guest's) is refused (403). Every refusal uses the seed's error body: 401 for a
 * missing or invalid token, 403 for a role that does not allow the call, 503 when the JWKS cannot be fetched,
 * 400 for a request the firewall rejects.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** Tenant ids end up in storage keys and SQL parameters: letters, digits, '-' and '_' only. */
    static final String TENANT_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,62}";
    private static final String[] ADMINS = Roles.ADMINS.toArray(String[]::new);
    private static final String[] MEMBERS = Roles.MEMBERS.toArray(String[]::new);
    /** The default of application.yml, published in the repository: fine on a laptop, never in production. */
    static final String DEVELOPMENT_SECRET = "local-dev-secret-change-me-at-least-32-bytes!!";

    private final JwtProperties jwt;
    private final Environment environment;

    SecurityConfiguration(JwtProperties jwt, Environment environment) {
        this.jwt = jwt;
        this.environment = environment;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder decoder, JsonMapper json)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> unauthorized(response, json, e);
        AccessDeniedHandler forbidden = (request, response, e) ->
                write(response, json, HttpStatus.FORBIDDEN, "Your role does not allow this");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // the error page of a request that was already let through (or refused before security)
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // health, metrics and Prometheus answer on the management port only, without a token (an
                        // operator's network, not the clients'); the API port has no actuator at all
                        .requestMatchers(this::onManagementPort).permitAll()
                        .requestMatchers("/actuator", "/actuator/**").denyAll()
                        // the OpenAPI document and its UI page: the contract is public, the data is not
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                                "/swagger-ui/**").permitAll()
                        .requestMatchers("/releases/*/review", "/releases/*/review/**").hasAnyRole(ADMINS)
                        // a workspace's settings and UPC blocks
                        .requestMatchers("/tenant", "/tenant/**").hasAnyRole(ADMINS)
                        .anyRequest().hasAnyRole(MEMBERS))
                .oauth2ResourceServer(server -> server
                        .jwt(token -> token.decoder(decoder).jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler((request, response, e) ->
                                        authenticationFailed(response, json, unauthorized, request, e));
                                return filter;
                            }
                        }))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /** A request that arrived on the management port ({@code management.server.port}, e.g. 9180). */
    private boolean onManagementPort(HttpServletRequest request) {
        Integer managementPort = environment.getProperty("local.management.port", Integer.class);
        return managementPort != null && managementPort > 0 && request.getLocalPort() == managementPort;
    }

    @Bean
    JwtDecoder jwtDecoder() {
        if (jwt.usesJwks()) {
            log.info("Bearer tokens: RS256, keys from {}; issuer {}, audience {}, clock skew {}", jwt.jwksUri(),
                    jwt.issuer(), jwt.audience(), jwt.clockSkew());
        } else {
            log.info("Bearer tokens: HS256 with the configured secret; issuer {}, audience {}, clock skew {}",
                    jwt.issuer(), jwt.audience(), jwt.clockSkew());
            if (DEVELOPMENT_SECRET.equals(jwt.secret())) {
                // refused unless the local or dev profile is active
                InsecureDefaults.refuseUnlessDevelopment(environment,
                        List.of("JWT_SECRET (catalog.security.jwt.secret)"));
            }
        }
        return decoder(jwt);
    }

    /** A request the firewall refuses (encoded slashes, '..', ';', NUL ...) gets a 400 in the seed's body. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return (request, response, e) -> {
            log.info("Rejected a malformed request path: {}", e.getMessage());
            write(response, json, HttpStatus.BAD_REQUEST, "The request URL is not acceptable");
        };
    }

    /** The token decoder and every check a token must pass; used by the filter chain and by tests. */
    static JwtDecoder decoder(JwtProperties jwt) {
        if (jwt.usesJwks()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keysFrom(jwt))
                    .jwsAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(validator(jwt));
            return new ProviderKeysDecoder(decoder);
        }
        if (jwt.secret() == null || jwt.secret().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("catalog.security.jwt.secret (JWT_SECRET) must be at least 32 bytes");
        }
        SecretKeySpec key = new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(validator(jwt));
        return decoder;
    }

    /**
     * The provider's keys: fetched with timeouts and a size limit, cached (5 minutes), and refetched for an unknown
     * {@code kid} at most once in 30 seconds — so tokens with made-up key ids cannot turn the gateway into a
     * machine that hammers the identity provider.
     */
    private static JWKSource<SecurityContext> keysFrom(JwtProperties jwt) {
        int timeout = (int) jwt.jwksTimeout().toMillis();
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(jwt.jwksUri()).toURL(),
                            new DefaultResourceRetriever(timeout, timeout, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
                    .cache(true).rateLimited(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("catalog.security.jwt.jwks-uri (JWT_JWKS_URI) is not a URL", e);
        }
    }

    /**
     * Tells "no such key" from "no keys": once a token has been verified with the provider's keys, a token whose key
     * id is unknown while refetching is rate-limited is the token's fault (401); before that, the provider may be
     * down (503).
     */
    private static final class ProviderKeysDecoder implements JwtDecoder {

        private final JwtDecoder decoder;
        private volatile boolean keysSeen;

        ProviderKeysDecoder(JwtDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public Jwt decode(String token) {
            try {
                Jwt jwt = decoder.decode(token);
                keysSeen = true;
                return jwt;
            } catch (BadJwtException e) {
                throw e;
            } catch (JwtException e) {
                if (keysSeen && causedBy(e, RateLimitReachedException.class)) {
                    throw new BadJwtException("Signed JWT rejected: no matching key among the published keys", e);
                }
                throw e;
            }
        }

        private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static OAuth2TokenValidator<Jwt> validator(JwtProperties jwt) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(jwt.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false); // a token without exp would never expire
        // plain JWTs and RFC 9068 access tokens; a token without 'typ' is accepted too
        JwtTypeValidator types = new JwtTypeValidator("JWT", "at+jwt");
        types.setAllowEmpty(true);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(types);
        validators.add(timestamps);
        validators.add(new JwtIssuerValidator(jwt.issuer()));
        validators.add(token -> token.getAudience() != null && token.getAudience().contains(jwt.audience())
                ? OAuth2TokenValidatorResult.success()
                : failure("the token is not meant for audience " + jwt.audience()));
        validators.add(token -> {
            String tenant = token.getClaims().get(jwt.tenantClaim()) instanceof String text ? text : null;
            return tenant != null && tenant.matches(TENANT_PATTERN)
                    ? OAuth2TokenValidatorResult.success()
                    : failure("the token has no valid '" + jwt.tenantClaim() + "' claim");
        });
        return JwtValidators.createDefaultWithValidators(validators);
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

    /** The keys could not be fetched (the identity provider is down): not the caller's fault, so not a 401. */
    private static void authenticationFailed(HttpServletResponse response, JsonMapper json,
                                             AuthenticationEntryPoint unauthorized, HttpServletRequest request,
                                             AuthenticationException e) throws IOException, ServletException {
        if (e instanceof AuthenticationServiceException) {
            log.warn("Could not check a bearer token: {}", e.getMessage());
            write(response, json, HttpStatus.SERVICE_UNAVAILABLE,
                    "The identity provider's keys are unavailable; retry later");
            return;
        }
        unauthorized.commence(request, response, e);
    }

    private static void unauthorized(HttpServletResponse response, JsonMapper json, AuthenticationException e)
            throws IOException {
        String message;
        String challenge;
        if (e instanceof OAuth2AuthenticationException oauth) {
            challenge = "Bearer error=\"" + oauth.getError().getErrorCode() + "\"";
            message = "invalid_request".equals(oauth.getError().getErrorCode())
                    ? "Malformed bearer token"
                    : "Invalid bearer token" + validationReasons(e);
        } else {
            challenge = "Bearer";
            message = "Missing bearer token";
        }
        response.setHeader("WWW-Authenticate", challenge);
        write(response, json, HttpStatus.UNAUTHORIZED, message);
    }

    /** What a well-formed, correctly signed token failed (expired, issuer, audience, tenant); else nothing. */
    private static String validationReasons(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return ": " + invalid.getErrors().stream().map(OAuth2Error::getDescription)
                        .collect(Collectors.joining("; "));
            }
        }
        return "";
    }

    private static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String message)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(message));
    }
}
