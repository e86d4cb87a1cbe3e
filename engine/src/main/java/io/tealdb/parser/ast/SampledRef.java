package io.tealdb.parser.ast;

/**
 * A FROM item sampled by {@code TABLESAMPLE} (one table), or the whole FROM clause sampled by
 * {@code USING SAMPLE} (after its joins, before WHERE, as in DuckDB).
 */
public record SampledRef(TableRef source, SampleSpec sample, int pos) implements TableRef {}
