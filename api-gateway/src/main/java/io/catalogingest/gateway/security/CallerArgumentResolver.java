package io.catalogingest.gateway.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers a {@link Caller} built from the validated token. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final JwtProperties jwt;

    CallerArgumentResolver(JwtProperties jwt) {
        this.jwt = jwt;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("no bearer token on an authenticated endpoint");
        }
        Jwt claims = token.getToken();
        return new Caller(claims.getClaimAsString(jwt.tenantClaim()), claims.getSubject(), roles(claims, jwt));
    }

    static Set<String> roles(Jwt claims, JwtProperties jwt) {
        Object raw = claims.getClaims().get(jwt.rolesClaim());
        Set<String> roles = new HashSet<>();
        if (raw instanceof Collection<?> list) {
            list.forEach(role -> roles.add(String.valueOf(role)));
        } else if (raw instanceof String text) {
            for (String role : text.split("[ ,]+")) {
                if (!role.isBlank()) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
