package io.tealdb.io.parquet;

import com.github.luben.zstd.Zstd;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Page compression, all from libraries: snappy-java, java.util.zip (GZIP, also multi-member
 * streams), zstd-jni, lz4-java (LZ4_RAW blocks, and the deprecated LZ4 codec in Hadoop framing with
 * a raw-block fallback, as older writers disagreed on it) and Brotli's Java decoder.
 */
public final class PageCodecs {
    private PageCodecs() {
    }

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final ThreadLocal<com.github.luben.zstd.ZstdCompressCtx> ZSTD_CONTEXT =
            ThreadLocal.withInitial(com.github.luben.zstd.ZstdCompressCtx::new);

    /** Decompresses {@code len} bytes at {@code off} into a new array of exactly {@code size} bytes. */
    public static byte[] decompress(int codec, byte[] src, int off, int len, int size) {
        return decompress(codec, src, off, len, size, new byte[size]);
    }

    /**
     * Decompresses {@code len} bytes at {@code off} into {@code out[0, size)} ({@code out} may be
     * longer: a reader's reused page buffer) and returns {@code out}; the data must decompress to
     * exactly {@code size} bytes.
     */
    static byte[] decompress(int codec, byte[] src, int off, int len, int size, byte[] out) {
        if (size == 0) return out;
        if (out.length < size) throw new IllegalArgumentException("page buffer too small");
        try {
            int n = switch (codec) {
                case ParquetEnums.SNAPPY -> {
                    // the stream's own length decides how much snappy writes: check it fits first
                    int declared = Snappy.uncompressedLength(src, off, len);
                    if (declared != size) throw new ParquetFormatException("page decompresses to " + declared + " bytes, the header says " + size);
                    yield Snappy.uncompress(src, off, len, out, 0);
                }
                case ParquetEnums.GZIP -> readFully(new GZIPInputStream(new ByteArrayInputStream(src, off, len), 1 << 15), out, size);
                case ParquetEnums.ZSTD -> (int) Zstd.decompressByteArray(out, 0, size, src, off, len);
                case ParquetEnums.LZ4_RAW -> LZ4.safeDecompressor().decompress(src, off, len, out, 0, size);
                case ParquetEnums.LZ4 -> lz4Hadoop(src, off, len, out, size);
                case ParquetEnums.BROTLI -> readFully(new org.brotli.dec.BrotliInputStream(new ByteArrayInputStream(src, off, len)), out, size);
                default -> throw new ParquetFormatException("compression codec " + ParquetEnums.codecName(codec) + " is not supported");
            };
            if (n != size) throw new ParquetFormatException("page decompressed to " + n + " bytes, the header says " + size);
            return out;
        } catch (ParquetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ParquetFormatException("could not decompress a " + ParquetEnums.codecName(codec) + " page: " + e.getMessage(), e);
        }
    }

    private static int readFully(InputStream in, byte[] out, int size) throws IOException {
        try (in) {
            int n = in.readNBytes(out, 0, size);
            if (in.read() >= 0) throw new ParquetFormatException("page decompresses to more bytes than its header says");
            return n;
        }
    }

    /** Hadoop's LZ4 framing: blocks of [uncompressed length][compressed length] (big endian) + LZ4 block; else a raw block. */
    private static int lz4Hadoop(byte[] src, int off, int len, byte[] out, int size) {
        LZ4SafeDecompressor d = LZ4.safeDecompressor();
        try {
            int p = off, end = off + len, o = 0;
            while (p < end) {
                if (end - p < 8) throw new IllegalStateException("truncated frame");
                int raw = readIntBE(src, p), comp = readIntBE(src, p + 4);
                p += 8;
                if (raw < 0 || comp < 0 || comp > end - p || raw > size - o) throw new IllegalStateException("bad frame");
                int n = d.decompress(src, p, comp, out, o, raw);
                if (n != raw) throw new IllegalStateException("bad frame");
                p += comp;
                o += raw;
            }
            if (o == size) return o;
        } catch (RuntimeException e) {
            // fall through to the raw block format older parquet-cpp versions wrote
        }
        return d.decompress(src, off, len, out, 0, size);
    }

    private static int readIntBE(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    /** Compresses {@code len} bytes for a page written with {@code codec}. */
    public static byte[] compress(int codec, byte[] src, int off, int len, int zstdLevel) {
        try {
            return switch (codec) {
                case ParquetEnums.UNCOMPRESSED -> java.util.Arrays.copyOfRange(src, off, off + len);
                case ParquetEnums.SNAPPY -> {
                    byte[] out = new byte[Snappy.maxCompressedLength(len)];
                    int n = Snappy.compress(src, off, len, out, 0);
                    yield java.util.Arrays.copyOf(out, n);
                }
                case ParquetEnums.ZSTD -> {
                    byte[] out = new byte[(int) Zstd.compressBound(len)];
                    // one compression context per thread: a fresh one per page allocated and freed zstd's tables each time
                    com.github.luben.zstd.ZstdCompressCtx ctx = ZSTD_CONTEXT.get();
                    ctx.setLevel(zstdLevel);
                    int n = ctx.compressByteArray(out, 0, out.length, src, off, len);
                    yield java.util.Arrays.copyOf(out, n);
                }
                case ParquetEnums.LZ4_RAW -> {
                    var c = LZ4.fastCompressor();
                    byte[] out = new byte[c.maxCompressedLength(len)];
                    int n = c.compress(src, off, len, out, 0, out.length);
                    yield java.util.Arrays.copyOf(out, n);
                }
                case ParquetEnums.GZIP -> {
                    ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(64, len / 3));
                    try (GZIPOutputStream gz = new GZIPOutputStream(bos, 1 << 15)) {
                        gz.write(src, off, len);
                    }
                    yield bos.toByteArray();
                }
                default -> throw new ParquetFormatException("writing compression codec " + ParquetEnums.codecName(codec) + " is not supported");
            };
        } catch (IOException e) {
            throw new ParquetFormatException("could not compress a page: " + e.getMessage(), e);
        }
    }
}
