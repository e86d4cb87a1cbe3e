package io.tealdb.parser.ast;

/**
 * {@code ROWS|RANGE|GROUPS [BETWEEN] start [AND end] [EXCLUDE ..]}; end defaults to CURRENT ROW.
 */
public record WindowFrame(
        FrameUnit unit,
        FrameBound start,
        FrameBound end,
        FrameExclusion exclusion,
        int pos) implements Node {}
