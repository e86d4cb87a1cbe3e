package io.tealdb.parser.ast;

/**
 * How USING SAMPLE / TABLESAMPLE draws rows, as in DuckDB: SYSTEM keeps or drops whole chunks
 * (fast, clustered), BERNOULLI decides row by row, RESERVOIR draws an exact number of rows.
 */
public enum SampleMethod {
    SYSTEM, BERNOULLI, RESERVOIR
}
