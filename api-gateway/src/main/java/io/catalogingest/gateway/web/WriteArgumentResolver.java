package io.catalogingest.gateway.web;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Gives write methods their {@link Write}, read from the {@code Idempotency-Key} and {@code Prefer} headers. */
@Configuration(proxyBeanMethods = false)
class WriteArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Write.class.equals(parameter.getParameterType());
    }

    @Override
    public Write resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                 NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return Write.of(header(webRequest, IdempotencyKeys.HEADER), header(webRequest, Prefer.HEADER));
    }

    /** The header's values joined by commas, as Spring gives them to a String parameter; null when absent. */
    private static String header(NativeWebRequest request, String name) {
        String[] values = request.getHeaderValues(name);
        return values == null ? null : String.join(",", values);
    }
}
