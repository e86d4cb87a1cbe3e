package io.tealdb.server.pg;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream into {@link Frame}s. Before the StartupMessage, packets have no type byte
 * ({@code int32 length, int32 code, payload}); from the StartupMessage on every message is
 * {@code byte type, int32 length, body}. The switch happens here, on the event loop, so no byte
 * after the StartupMessage is ever read in the wrong framing.
 *
 * <p>A length outside [4, limit] is a protocol violation: the decoder throws
 * {@link ProtocolViolation}, and the connection handler answers 08P01 and closes that one connection.
 */
public final class PgFrameDecoder extends ByteToMessageDecoder {
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;
    static final int PROTOCOL_3 = 196608;
    private static final int MAX_STARTUP_PACKET = 10_000;

    private final int maxMessageBytes;
    private boolean startupDone;

    public PgFrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (!startupDone) {
                if (in.readableBytes() < 4) return;
                int len = in.getInt(in.readerIndex());
                if (len < 8 || len > MAX_STARTUP_PACKET) {
                    in.skipBytes(in.readableBytes());
                    throw new ProtocolViolation("invalid length of startup packet");
                }
                if (in.readableBytes() < len) return;
                in.skipBytes(4);
                byte[] body = new byte[len - 4];
                in.readBytes(body);
                int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                    // Bytes sent before the server's answer are not trusted (CVE-2021-23214): drop them.
                    in.skipBytes(in.readableBytes());
                } else if (code != CANCEL_REQUEST) {
                    startupDone = true;
                }
                out.add(new Frame((byte) 0, body));
                if (code == SSL_REQUEST || code == GSSENC_REQUEST) return;
            } else {
                if (in.readableBytes() < 5) return;
                int len = in.getInt(in.readerIndex() + 1);
                if (len < 4 || len - 4 > maxMessageBytes) {
                    in.skipBytes(in.readableBytes());
                    throw new ProtocolViolation(len < 4 ? "invalid message length"
                            : "message of " + len + " bytes exceeds the limit of " + maxMessageBytes + " bytes");
                }
                if (in.readableBytes() < len + 1) return;
                byte type = in.readByte();
                in.skipBytes(4);
                byte[] body = new byte[len - 4];
                in.readBytes(body);
                out.add(new Frame(type, body));
            }
        }
    }

    /** A framing error: the connection cannot continue. */
    public static final class ProtocolViolation extends RuntimeException {
        public ProtocolViolation(String message) {
            super(message, null, false, false);
        }
    }
}
