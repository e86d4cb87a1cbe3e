package io.tealdb.io.json;

/**
 * A JSON number kept as its text (so extraction and minifying never change digits), with whether
 * it was written as an integer (no fraction or exponent).
 */
public record JsonNumber(String text, boolean integral) {
}
