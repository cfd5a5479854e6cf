package io.catalogingest.support.outage;

/** The outside services a part of the pipeline depends on; named in 503 answers, logs and health. */
public enum Dependency {
    DATABASE("database"), BROKER("message broker"), STORAGE("object storage");

    private final String label;

    Dependency(String label) {
        this.label = label;
    }

    /** Lower-case words for a message, e.g. {@code "message broker"}. */
    public String label() {
        return label;
    }
}
