package com.example.checkpointdemo.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields and types of a Kubernetes custom resource, from a compact description (see
 * src/test/resources/deploy/flinkdeployment-1.15.0.yaml for the notation), and what a manifest
 * holds that they do not allow.
 */
final class OperatorSpec {

    private final JsonNode schema;

    private OperatorSpec(JsonNode schema) {
        this.schema = schema;
    }

    static OperatorSpec of(JsonNode schema) {
        return new OperatorSpec(schema);
    }

    /** Every field of {@code manifest} the spec lacks, and every value of another type, by path. */
    List<String> problems(JsonNode manifest) {
        final List<String> problems = new ArrayList<>();
        check("", schema, manifest, problems);
        return problems;
    }

    private static void check(String path, JsonNode type, JsonNode value, List<String> problems) {
        if (type.isTextual()) {
            scalar(path, type.asText(), value, problems);
        } else if (type.has("enum")) {
            final List<String> allowed = new ArrayList<>();
            type.path("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(value.asText()) || !value.isValueNode()) {
                problems.add(path + ": '" + value.asText() + "' is not one of " + allowed);
            }
        } else if (type.has("list")) {
            if (!value.isArray()) {
                problems.add(path + ": not a list");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check(path + "[" + i + "]", type.path("list"), value.get(i), problems);
            }
        } else if (!value.isObject()) {
            problems.add(path + ": not an object");
        } else {
            value.properties().forEach(field -> {
                final String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!type.has(field.getKey())) {
                    final List<String> fields = new ArrayList<>();
                    type.fieldNames().forEachRemaining(fields::add);
                    problems.add(at + ": no such field (the spec has: " + String.join(", ", fields) + ")");
                } else {
                    check(at, type.get(field.getKey()), field.getValue(), problems);
                }
            });
        }
    }

    private static void scalar(String path, String type, JsonNode value, List<String> problems) {
        final boolean fits = switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "map" -> value.isObject();
            case "strings" -> value.isArray() && java.util.stream.StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isTextual);
            default -> throw new IllegalStateException("unknown type '" + type + "' in the spec at " + path);
        };
        if (!fits) {
            problems.add(path + ": '" + value.asText() + "' is not " + (type.equals("integer") ? "an " : "a ") + type);
        }
    }
}
