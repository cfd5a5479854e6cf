package io.catalogingest.gateway.apidocs;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Makes the schema of a record say what its JSON can hold: a primitive component is always there ({@code required}),
 * any other component may be {@code null} unless declared required. Our answers are records written by Jackson with
 * nulls kept, so without this the document would promise a string where a client can get {@code null}.
 */
final class RecordNullability implements ModelConverter {

    private static final String NULL = "null";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> raw = rawClass(type.getType());
        if (schema == null || raw == null || !raw.isRecord()) {
            return schema;
        }
        Schema<?> model = schema;
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            model = context.getDefinedModels().get(name);
        }
        if (model == null || model.getProperties() == null) {
            return schema;
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            String name = jsonName(component);
            Schema<?> property = model.getProperties().get(name);
            if (property == null) {
                continue;
            }
            List<String> required = model.getRequired();
            if (component.getType().isPrimitive()) {
                if (required == null || !required.contains(name)) {
                    model.addRequiredItem(name);
                }
            } else if (required == null || !required.contains(name)) {
                model.getProperties().put(name, nullable(property));
            }
        }
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property) {
        if (property.get$ref() != null || property.getOneOf() != null || property.getAllOf() != null) {
            Schema wrapper = new Schema();
            wrapper.addOneOfItem(property);
            wrapper.addOneOfItem(new Schema().typesItem(NULL));
            return wrapper;
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty()) {
            return property; // any value, null included
        }
        types.add(NULL);
        property.setTypes(types);
        return property;
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof com.fasterxml.jackson.databind.JavaType javaType) {
            return javaType.getRawClass();
        }
        return null;
    }
}
