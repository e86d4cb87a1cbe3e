package io.tealdb.server.clickhouse;

import com.github.luben.zstd.Zstd;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Decompression of Arrow IPC buffers (pyarrow writes LZ4 frames or ZSTD when asked, and
 * clickhouse-connect's insert_arrow does) with the codecs the server already has: zstd-jni and the
 * LZ4 frame reader ({@link Lz4FrameInputStream}). Arrow Java's own codecs live in a module that would
 * pull in commons-compress.
 */
final class ArrowCodecs implements CompressionCodec.Factory {
    static final ArrowCodecs INSTANCE = new ArrowCodecs();

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType type) {
        return switch (type) {
            case NO_COMPRESSION -> NoCompressionCodec.INSTANCE;
            case LZ4_FRAME, ZSTD -> new Codec(type);
        };
    }

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType type, int level) {
        return createCodec(type);
    }

    private static final class Codec extends AbstractCompressionCodec {
        private final CompressionUtil.CodecType type;

        Codec(CompressionUtil.CodecType type) {
            this.type = type;
        }

        @Override
        public CompressionUtil.CodecType getCodecType() {
            return type;
        }

        @Override
        protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
            throw ChException.notImplemented("compressing Arrow buffers is not supported");
        }

        @Override
        protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
            long length = readUncompressedLength(compressed);
            if (length < 0 || length > Integer.MAX_VALUE - 16) throw ChException.badData("Arrow buffer too large: " + length);
            byte[] in = new byte[(int) (compressed.writerIndex() - CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH)];
            compressed.getBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, in);
            byte[] out;
            if (type == CompressionUtil.CodecType.ZSTD) {
                out = new byte[(int) length];
                long n = Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
                if (Zstd.isError(n) || n != length) throw ChException.badData("Corrupted ZSTD buffer in the Arrow data");
            } else {
                try (InputStream lz4 = new Lz4FrameInputStream(new ByteArrayInputStream(in))) {
                    out = lz4.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (out.length != length) throw ChException.badData("Corrupted LZ4 buffer in the Arrow data");
            }
            ArrowBuf buf = allocator.buffer(length);
            buf.setBytes(0, out);
            buf.writerIndex(length);
            return buf;
        }
    }
}
