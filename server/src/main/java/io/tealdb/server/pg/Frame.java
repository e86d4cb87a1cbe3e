package io.tealdb.server.pg;

/**
 * One client message as the frame decoder cut it: {@code type} is the message's type byte, or 0 for
 * the untyped packets of connection start-up (SSLRequest, StartupMessage, CancelRequest), whose
 * body then begins with the int32 request code.
 */
public record Frame(byte type, byte[] body) {
}
