package io.tealdb.server.pg;

/** Where the CopyData of a {@code COPY … FROM STDIN} goes: the text/csv loader or the binary one. */
sealed interface CopySink permits CopyIn, CopyInBinary {
    /** Feeds one CopyData message (rows may span messages). */
    void data(byte[] data);

    /** CopyDone: loads what is left; returns the number of rows loaded. */
    long finish();
}
