package io.tealdb.server.ilp;

import io.tealdb.error.TealException;

/**
 * A line-protocol request or line that cannot be ingested, with what QuestDB's clients expect to see:
 * the HTTP status, QuestDB's error {@code code} string ("invalid", "not supported", ...) and the
 * 1-based line of the request it refers to (0 when it is not about one line).
 */
public final class IlpException extends TealException {
    private final int status;
    private final String code;
    private final int line;

    public IlpException(int status, String code, String message, int line) {
        super(message);
        this.status = status;
        this.code = code;
        this.line = line;
    }

    /** A malformed or unacceptable line: 400 "invalid" (the line number is added by the request). */
    static IlpException invalid(String message) {
        return new IlpException(400, "invalid", message, 0);
    }

    IlpException atLine(int lineNo) {
        return new IlpException(status, code, message(lineNo), lineNo);
    }

    private String message(int lineNo) {
        return getMessage();
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public int line() {
        return line;
    }

    @Override
    public String kind() {
        return "Line Protocol Error";
    }
}
