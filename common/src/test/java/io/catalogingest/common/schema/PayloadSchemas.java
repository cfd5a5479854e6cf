package io.catalogingest.common.schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import io.catalogingest.common.envelope.MessageType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives the JSON Schema (draft 2020-12) of a message type's value from its record, the way Jackson writes it:
 * strings, UUIDs ({@code format: uuid}), instants ({@code date-time}), dates ({@code date}), numbers, booleans, lists,
 * maps, nested records (under {@code $defs}), enums (their wire values), and free JSON where the record holds a
 * {@code JsonNode}. Primitive components are required; every other component may be null or absent. Records allow
 * no other property, so a producer that adds a field fails validation until its schema is regenerated.
 */
final class PayloadSchemas {

    static final String BASE_ID = "https://catalog-ingest.io/schemas/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonMapper json;

    PayloadSchemas(JsonMapper json) {
        this.json = json;
    }

    ObjectNode schemaOf(MessageType<?> type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", BASE_ID + type.id() + ".schema.json");
        schema.put("title", type.payloadClass().getSimpleName());
        schema.put("description", "The JSON value of a Kafka record whose ce_type is " + type.id()
                + " (CloudEvents 1.0 binary mode; docs/asyncapi.yaml names its topic). Generated from the record "
                + type.payloadClass().getName() + " by common's MessageSchemasTest.");
        ObjectNode defs = NODES.objectNode();
        describeRecord(type.payloadClass(), schema, defs);
        if (!defs.isEmpty()) {
            schema.set("$defs", defs);
        }
        return schema;
    }

    private void describeRecord(Class<?> record, ObjectNode into, ObjectNode defs) {
        into.put("type", "object");
        ObjectNode properties = into.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            Type type = component.getGenericType();
            boolean primitive = component.getType().isPrimitive();
            properties.set(component.getName(), describe(type, !primitive, defs));
            if (primitive) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            into.set("required", required);
        }
        into.put("additionalProperties", false);
    }

    private JsonNode describe(Type type, boolean nullable, ObjectNode defs) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = typed("array", nullable);
                array.set("items", describe(arguments[0], false, defs));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = typed("object", nullable);
                map.set("additionalProperties", describe(arguments[1], true, defs));
                return map;
            }
            throw new IllegalArgumentException("no schema rule for " + type);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return typed("string", nullable);
        }
        if (raw == UUID.class) {
            return typed("string", nullable).put("format", "uuid");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class) {
            return typed("string", nullable).put("format", "date-time");
        }
        if (raw == LocalDate.class) {
            return typed("string", nullable).put("format", "date");
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class
                || raw == short.class || raw == Short.class) {
            return typed("integer", nullable);
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
            return typed("number", nullable);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean", nullable);
        }
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return NODES.objectNode().put("description", "free JSON");
        }
        if (raw.isEnum()) {
            ObjectNode enumeration = typed("string", nullable);
            ArrayNode values = enumeration.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(json.valueToTree(constant));
            }
            if (nullable) {
                values.addNull();
            }
            return enumeration;
        }
        if (raw.isRecord()) {
            String name = raw.getSimpleName();
            if (!defs.has(name)) {
                ObjectNode definition = NODES.objectNode();
                defs.set(name, definition);
                describeRecord(raw, definition, defs);
            }
            ObjectNode reference = NODES.objectNode().put("$ref", "#/$defs/" + name);
            if (!nullable) {
                return reference;
            }
            ObjectNode either = NODES.objectNode();
            either.putArray("anyOf").add(reference).add(NODES.objectNode().put("type", "null"));
            return either;
        }
        throw new IllegalArgumentException("no schema rule for " + raw.getName());
    }

    private static ObjectNode typed(String type, boolean nullable) {
        ObjectNode node = NODES.objectNode();
        if (nullable) {
            node.putArray("type").add(type).add("null");
        } else {
            node.put("type", type);
        }
        return node;
    }
}
