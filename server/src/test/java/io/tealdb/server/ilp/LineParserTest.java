package io.tealdb.server.ilp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The line-protocol decoder on the syntax of the compatibility note (text v1 and binary v2 values). */
class LineParserTest {
    /** A decoded line as text, e.g. "t|TAG a=x|LONG n=5|ts=10/0". */
    private static String decode(byte[] in) {
        ParsedLine l = new ParsedLine();
        int p = LineParser.skipBlank(in, 0, in.length);
        int next = new LineParser().parse(in, p, in.length, true, l);
        assertTrue(next > p);
        return describe(l);
    }

    private static String decode(String s) {
        return decode(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(ParsedLine l) {
        StringBuilder sb = new StringBuilder(l.tableName());
        for (int e = 0; e < l.count; e++) {
            sb.append('|').append(ParsedLine.protocolTypeName(l.kind[e])).append(' ').append(l.name(e)).append('=');
            switch (l.kind[e]) {
                case ParsedLine.TAG, ParsedLine.STRING ->
                        sb.append(new String(l.valueBytes(e), l.valOff[e], l.valLen[e], StandardCharsets.UTF_8));
                case ParsedLine.DOUBLE -> sb.append(l.doubles[e]);
                case ParsedLine.TIMESTAMP -> sb.append(l.longs[e]).append('/').append(l.unit[e]);
                case ParsedLine.ARRAY -> sb.append("dims").append(l.valLen[e]);
                case ParsedLine.NULL -> sb.append("null");
                default -> sb.append(l.longs[e]);
            }
        }
        if (l.hasTimestamp) sb.append("|ts=").append(l.timestamp).append('/').append(l.timestampUnit);
        return sb.toString();
    }

    private static String error(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        IlpException e = assertThrows(IlpException.class, () -> new LineParser().parse(in, 0, in.length, true, new ParsedLine()));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void tagsFieldsAndTimestamp() {
        assertEquals("trades|SYMBOL sym=ETH|SYMBOL side=buy|DOUBLE price=2615.54|LONG qty=10|ts=1700000000000000000/0",
                decode("trades,sym=ETH,side=buy price=2615.54,qty=10i 1700000000000000000\n"));
        assertEquals("t|DOUBLE x=1.0", decode("t x=1"));
        assertEquals("t|SYMBOL a=b", decode("t,a=b\n"));
        assertEquals("t|SYMBOL a=b|ts=5/1", decode("t,a=b 5n\n"));
        assertEquals("t|DOUBLE x=1.0|ts=7/2", decode("t x=1 7t\r\n"));
        assertEquals("t|DOUBLE x=1.0|ts=7/3", decode("\n\nt x=1 7m"));
    }

    @Test
    void valueTypes() {
        assertEquals("t|STRING s=a b,c=d|BOOLEAN b=1|BOOLEAN c=0|BOOLEAN d=1|BOOLEAN e=0|TIMESTAMP f=12/2|TIMESTAMP g=13/1|TIMESTAMP h=14/3|NULL n=null",
                decode("t s=\"a b,c=d\",b=t,c=F,d=TRUE,e=false,f=12t,g=13n,h=14m,n="));
        assertEquals("t|LONG a=-9223372036854775808|LONG b=9223372036854775807",
                decode("t a=-9223372036854775808i,b=9223372036854775807i"));
        String doubles = decode("t a=5,b=-0.0,c=1.5,d=1e21,e=1e+21,f=1E+100,g=1.5E-7,h=NaN,i=Infinity,j=-Infinity,k=0.1,l=123456789012345678901234");
        assertEquals("t|DOUBLE a=5.0|DOUBLE b=-0.0|DOUBLE c=1.5|DOUBLE d=1.0E21|DOUBLE e=1.0E21|DOUBLE f=1.0E100|DOUBLE g=1.5E-7"
                + "|DOUBLE h=NaN|DOUBLE i=Infinity|DOUBLE j=-Infinity|DOUBLE k=0.1|DOUBLE l=1.2345678901234569E23", doubles);
    }

    @Test
    void fastDoublePathRoundsLikeTheJdk() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> r.nextDouble() * 1000;
                case 1 -> Math.round(r.nextDouble() * 1e6) / 1e3;
                case 2 -> r.nextGaussian() * 1e-5;
                default -> Double.longBitsToDouble(r.nextLong());
            };
            if (Double.isNaN(d)) continue;
            String text = Double.toString(d);
            String got = decode("t x=" + text);
            assertEquals("t|DOUBLE x=" + Double.parseDouble(text), got, text);
        }
    }

    @Test
    void escapes() {
        assertEquals("my table|SYMBOL a,b=c=d=e f|STRING s x=say \"hi\"\\\nok",
                decode("my\\ table,a\\,b\\=c=d\\=e\\ f s\\ x=\"say \\\"hi\\\"\\\\\\\nok\"\n"));
        assertEquals("t|SYMBOL tag=\"q\"", decode("t,tag=\"q\""));
        assertEquals("tä|STRING ключ=日本", decode("tä ключ=\"日本\""));
    }

    @Test
    void firstOccurrenceOfANameIsKeptByTheStage() {
        assertEquals("t|LONG x=1|LONG x=2", decode("t x=1i,x=2i"));
    }

    @Test
    void malformedLines() {
        assertTrue(error("t\n").contains("no fields were provided"));
        assertTrue(error("t x=1.5i").contains("field value is invalid"));
        assertTrue(error("t x=9223372036854775808i").contains("field value is invalid"));
        assertTrue(error("t x=tru").contains("field value is invalid"));
        assertTrue(error("t x=\"open").contains("unterminated"));
        assertTrue(error("t x=\"a\nb\"").contains("line break"));
        assertTrue(error("t x=1 abc").contains("Could not parse timestamp"));
        assertTrue(error("t x=1 -5").contains("before 1970-01-01"));
        assertTrue(error("t,a x=1").contains("invalid tag"));
        assertTrue(error("t x").contains("field"));
        assertTrue(error("t x=1.2.3").contains("field value is invalid"));
        assertTrue(error("t x=0x1fi").contains("LONG256"));
        assertTrue(error("t x=1.5d").contains("decimal"));
        assertTrue(error("t\0 x=1").contains("NUL"));
    }

    private static byte[] binaryLine(String prefix, byte type, byte[] payload, String suffix) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        b.write('=');
        b.write(type);
        b.writeBytes(payload);
        b.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void binaryDoublesMayContainAnyByte() {
        // 0x0a0a... : the payload holds newlines, commas and spaces; the parser must not split on them
        double d = Double.longBitsToDouble(0x0a2c200a2c200a0aL);
        byte[] payload = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(d).array();
        byte[] in = binaryLine("t,s=a x=", (byte) LineParser.BIN_DOUBLE, payload, ",y=2i 10n\n");
        assertEquals("t|SYMBOL s=a|DOUBLE x=" + d + "|LONG y=2|ts=10/1", decode(in));
    }

    @Test
    void binaryArrays() {
        ByteBuffer bb = ByteBuffer.allocate(2 + 8 + 6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 10).put((byte) 2).putInt(2).putInt(3);
        for (int i = 0; i < 6; i++) bb.putDouble(i + 0.5);
        assertEquals("t|ARRAY a=dims2|ts=1/1", decode(binaryLine("t a=", (byte) LineParser.BIN_ARRAY, bb.array(), " 1n")));
        byte[] longArray = {6, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
        byte[] in = binaryLine("t a=", (byte) LineParser.BIN_ARRAY, longArray, "\n");
        IlpException e = assertThrows(IlpException.class, () -> new LineParser().parse(in, 0, in.length, true, new ParsedLine()));
        assertTrue(e.getMessage().contains("only DOUBLE arrays"));
    }

    @Test
    void streamingReturnsNeedMoreForEveryPrefixOfALine() {
        ByteBuffer bb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.25);
        byte[] line = binaryLine("t\\ x,s=a\\,b f=\"x\\\"y\",d=", (byte) LineParser.BIN_DOUBLE, bb.array(), ",i=5i 123n\n");
        String whole = decode(line);
        for (int cut = 1; cut < line.length; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(line, cut);
            int r = new LineParser().parse(prefix, 0, prefix.length, false, new ParsedLine());
            assertEquals(LineParser.NEED_MORE, r, "prefix of " + cut + " bytes");
        }
        ParsedLine l = new ParsedLine();
        assertEquals(line.length, new LineParser().parse(line, 0, line.length, false, l));
        assertEquals(whole, describe(l));
    }

    /** Random mutations of valid lines: the decoder either decodes or throws IlpException, nothing else. */
    @Test
    void fuzzedLinesOnlyEverFailWithIlpException() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add("trades,sym=ETH,side=buy price=2615.54,qty=10i,s=\"x y\",b=t 1700000000000000000\n".getBytes(StandardCharsets.UTF_8));
        seeds.add("t\\ x,a\\,b=c\\ d f=1e21,g=-Infinity,h=12t,i=13n 5m\n".getBytes(StandardCharsets.UTF_8));
        ByteBuffer bb = ByteBuffer.allocate(2 + 4 + 3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 10).put((byte) 1).putInt(3).putDouble(1).putDouble(2).putDouble(3);
        seeds.add(binaryLine("t,s=a a=", (byte) LineParser.BIN_ARRAY, bb.array(), ",x==\u0010\0\0\0\0\0\0\0\0 1n\n"));
        Random r = new Random(1234);
        LineParser parser = new LineParser();
        ParsedLine out = new ParsedLine();
        int decoded = 0, rejected = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] in = seeds.get(r.nextInt(seeds.size())).clone();
            int mutations = 1 + r.nextInt(4);
            for (int m = 0; m < mutations && in.length > 0; m++) {
                int at = r.nextInt(in.length);
                switch (r.nextInt(4)) {
                    case 0 -> in[at] = (byte) r.nextInt(256);
                    case 1 -> in[at] = (byte) " ,=\"\\\nt0i-.e".charAt(r.nextInt(12));
                    case 2 -> in = java.util.Arrays.copyOf(in, at);
                    default -> {
                        byte[] longer = java.util.Arrays.copyOf(in, in.length + 1);
                        System.arraycopy(in, at, longer, at + 1, in.length - at);
                        longer[at] = (byte) r.nextInt(256);
                        in = longer;
                    }
                }
            }
            boolean last = r.nextBoolean();
            int p = LineParser.skipBlank(in, 0, in.length);
            try {
                while (p < in.length) {
                    int next = parser.parse(in, p, in.length, last, out);
                    if (next == LineParser.NEED_MORE) break;
                    assertTrue(next > p && next <= in.length);
                    p = LineParser.skipBlank(in, next, in.length);
                    decoded++;
                }
            } catch (IlpException e) {
                rejected++;
                assertEquals(400, e.status());
            } catch (RuntimeException e) {
                fail("input " + java.util.HexFormat.of().formatHex(in) + " crashed the decoder", e);
            }
        }
        assertTrue(decoded > 1000 && rejected > 1000, decoded + " decoded, " + rejected + " rejected");
        assertFalse(decoded == 0);
    }
}
