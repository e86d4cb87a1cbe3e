package io.tealdb.server;

/** A server that cannot start (port taken, bad TLS files, refused option combination): the message says why. */
public final class ServerException extends RuntimeException {
    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }

    public ServerException(String message) {
        super(message);
    }
}
