package io.tealdb.storage.file;

import io.tealdb.error.TealIOException;

/** Bytes of a database file or log that passed their checksum but do not parse, or failed it. */
public final class CorruptDataException extends TealIOException {
    public CorruptDataException(String message) {
        super(message);
    }
}
