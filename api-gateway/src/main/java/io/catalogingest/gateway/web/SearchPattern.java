package io.catalogingest.gateway.web;

/** A list's search term as an SQL {@code ILIKE} pattern matching it anywhere, with escape character {@code !}. */
public final class SearchPattern {

    private SearchPattern() {
    }

    /** {@code %term%} with the term's {@code !}, {@code %} and {@code _} taken literally; null for no term. */
    public static String containing(String term) {
        return term == null ? null : "%" + term.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
