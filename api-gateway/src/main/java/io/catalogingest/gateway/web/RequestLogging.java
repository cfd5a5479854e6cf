package io.catalogingest.gateway.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import io.catalogingest.gateway.security.JwtProperties;
import io.catalogingest.support.logging.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The ids of every API request in the MDC ({@link LogContext}): {@code requestId} — the client's {@code X-Request-Id}
 * when it is a plain token (letters, digits, {@code ._:-}, at most 128), else a new UUID — and, once Spring Security
 * authenticated the caller, {@code tenantId}. One access line per request (method, path without the query — it may
 * hold a token —, status, duration), inside the request's trace, whose id the workers' lines about its command share.
 * (A command's answer keeps its own {@code X-Request-Id} header: the command's request id, for
 * {@code GET /requests/{id}}, which the workers log as {@code requestId}.)
 */
@Configuration(proxyBeanMethods = false)
class RequestLogging {

    static final String HEADER = "X-Request-Id";
    private static final Logger log = LoggerFactory.getLogger(RequestLogging.class);
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Before security (and after the HTTP observation, so the access line has the trace id). */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestIdFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        String incoming = request.getHeader(HEADER);
                        String requestId = incoming != null && PLAIN_ID.matcher(incoming).matches() ? incoming
                                : UUID.randomUUID().toString();
                        LogContext.put(LogContext.REQUEST_ID, requestId);
                        long started = System.nanoTime();
                        try {
                            chain.doFilter(request, response);
                        } finally {
                            log.info("{} {} answered {} in {} ms", request.getMethod(), request.getRequestURI(),
                                    response.getStatus(), (System.nanoTime() - started) / 1_000_000);
                            LogContext.clear();
                        }
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After Spring Security's filter chain (order -100): the authenticated caller's tenant. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> tenantFilter(JwtProperties jwt) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
                        if (caller instanceof JwtAuthenticationToken token) {
                            LogContext.put(LogContext.TENANT_ID, token.getToken().getClaimAsString(jwt.tenantClaim()));
                        }
                        chain.doFilter(request, response);
                    }
                });
        registration.setOrder(0);
        return registration;
    }
}
