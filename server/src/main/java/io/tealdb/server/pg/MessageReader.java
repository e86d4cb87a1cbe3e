package io.tealdb.server.pg;

import java.nio.charset.StandardCharsets;

/** Reads the fields of one message body; a read past the end is a {@link PgFrameDecoder.ProtocolViolation}. */
final class MessageReader {
    private final byte[] b;
    private int pos;

    MessageReader(byte[] body) {
        this.b = body;
    }

    MessageReader(byte[] body, int start) {
        this.b = body;
        this.pos = start;
    }

    private void need(int n) {
        if (n < 0 || pos + n > b.length) throw new PgFrameDecoder.ProtocolViolation("message is truncated");
    }

    int int32() {
        need(4);
        int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    int int16() {
        need(2);
        int v = (short) (((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    byte int8() {
        need(1);
        return b[pos++];
    }

    String cstring() {
        int end = pos;
        while (end < b.length && b[end] != 0) end++;
        if (end >= b.length) throw new PgFrameDecoder.ProtocolViolation("unterminated string in message");
        String s = new String(b, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return s;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] r = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return r;
    }

    int remaining() {
        return b.length - pos;
    }

    byte[] rest() {
        return bytes(remaining());
    }
}
