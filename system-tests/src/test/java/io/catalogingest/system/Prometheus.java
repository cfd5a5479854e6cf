package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of {@code /actuator/prometheus}: the samples of the text format, looked up by name and labels. */
record Prometheus(List<Sample> samples) {

    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Scrapes a service's management port; the answer must be Prometheus text, without a token. */
    static Prometheus scrape(String managementUrl) {
        Http.Answer answer = new Http(managementUrl).get("/actuator/prometheus", null);
        assertThat(answer.status()).as(managementUrl + ": " + answer.text()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        return parse(answer.text());
    }

    static Prometheus parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            String value = line.substring(space + 1);
            samples.add(new Sample(name, labels, value.contains("Inf") || value.equals("NaN") ? Double.NaN
                    : Double.parseDouble(value)));
        }
        return new Prometheus(samples);
    }

    /** The samples of a name whose labels include every one given (key, value, key, value ...). */
    List<Sample> find(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    boolean has(String name, String... labels) {
        return !find(name, labels).isEmpty();
    }

    /** The sum of the matching samples' values, 0 when there is none. */
    double sum(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).sum();
    }
}
