package io.tealdb.io.parquet;

import io.tealdb.error.InvalidInputException;

/**
 * A Parquet file is malformed or uses something this reader does not support. Thrown deep in the
 * decoders without the file's name; {@link ParquetFileReader} adds the file (and column) before it
 * reaches the user.
 */
public class ParquetFormatException extends InvalidInputException {
    public ParquetFormatException(String message) {
        super(message);
    }

    public ParquetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
