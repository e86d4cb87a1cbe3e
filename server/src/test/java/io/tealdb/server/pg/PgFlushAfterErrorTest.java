package io.tealdb.server.pg;

import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Flush after a failed Parse delivers the ErrorResponse at once, before any Sync: asyncpg prepares
 * with Parse, Describe, Flush and waits for the answer, so a server that held the error back until
 * Sync made it wait forever. Raw protocol messages over a real socket.
 */
class PgFlushAfterErrorTest {
    @Test
    void flushDeliversTheErrorOfAFailedParseBeforeSync() throws IOException {
        try (TealServer server = TealServer.start(ServerConfig.defaults().withPort(0), new PrintStream(new ByteArrayOutputStream()));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000); // a read that times out is the bug: the error never came
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] params = "user\0teal\0database\0teal\0\0".getBytes(StandardCharsets.UTF_8);
            out.writeInt(8 + params.length);
            out.writeInt(196608);
            out.write(params);
            out.flush();
            while (readMessage(in) != 'Z') {
                // AuthenticationOk, ParameterStatus, BackendKeyData, then ReadyForQuery
            }
            message(out, 'P', cstring("") + cstring("SELECT no_such_column FROM no_such_table") + "\0\0");
            message(out, 'D', "S" + cstring(""));
            message(out, 'H', "");
            out.flush();
            assertEquals('E', readMessage(in), "the ErrorResponse, without waiting for Sync");
            message(out, 'S', "");
            out.flush();
            assertEquals('Z', readMessage(in));
            // the connection goes on working
            message(out, 'Q', cstring("SELECT 42"));
            out.flush();
            StringBuilder seen = new StringBuilder();
            for (char t = readMessage(in); t != 'Z'; t = readMessage(in)) seen.append(t);
            assertTrue(seen.toString().equals("TDC"), seen.toString());
        }
    }

    private static String cstring(String s) {
        return s + "\0";
    }

    private static void message(DataOutputStream out, char type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.writeByte(type);
        out.writeInt(4 + b.length);
        out.write(b);
    }

    private static char readMessage(DataInputStream in) throws IOException {
        char type = (char) in.readUnsignedByte();
        int len = in.readInt();
        in.readFully(new byte[len - 4]);
        return type;
    }
}
