package io.tealdb.server.clickhouse;

/**
 * An error reported to a ClickHouse client: its numeric ClickHouse code and name (what the clients
 * parse out of {@code Code: N. DB::Exception: … (NAME)}) and the HTTP status that goes with it.
 */
public final class ChException extends RuntimeException {
    private final int code;
    private final String name;

    public ChException(int code, String name, String message) {
        super(message);
        this.code = code;
        this.name = name;
    }

    public ChException(int code, String name, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.name = name;
    }

    public int code() {
        return code;
    }

    public String errorName() {
        return name;
    }

    public static ChException syntax(String message) {
        return new ChException(62, "SYNTAX_ERROR", message);
    }

    public static ChException badData(String message) {
        return new ChException(117, "INCORRECT_DATA", message);
    }

    public static ChException unknownFormat(String format) {
        return new ChException(73, "UNKNOWN_FORMAT", "Unknown format " + format);
    }

    public static ChException notImplemented(String message) {
        return new ChException(48, "NOT_IMPLEMENTED", message);
    }

    /** The HTTP status ClickHouse answers with for this code. */
    public int httpStatus() {
        return switch (code) {
            case 194 -> 401;
            case 192, 193, 516, 164 -> 403;
            case 62, 6, 27, 36, 38, 53, 117, 321, 26, 33, 41, 69, 70, 72, 456, 457, 130, 43, 42, 44, 25, 190, 32 -> 400;
            case 60, 81, 46, 47, 50, 56, 73, 115, 16, 372 -> 404;
            case 48 -> 501;
            case 159 -> 408;
            default -> 500;
        };
    }
}
