package io.tealdb.parser.ast;

/**
 * DESCRIBE (also SHOW t) or SUMMARIZE.
 */
public enum DescribeKind {
    DESCRIBE, SUMMARIZE
}
