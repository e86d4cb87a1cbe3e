package io.tealdb.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** A FileChannel that fails on demand: fsync errors, and short writes followed by "No space left on device". */
final class FaultyChannel extends FileChannel {
    private final FileChannel d;
    volatile boolean failForce;
    /** When ≥ 0: bytes that may still be written; the write that crosses it writes part and fails. */
    volatile long writeBudget = -1;

    FaultyChannel(FileChannel delegate) {
        this.d = delegate;
    }

    private int limitedWrite(ByteBuffer src, long position, boolean positional) throws IOException {
        long budget = writeBudget;
        if (budget >= 0 && src.remaining() > budget) {
            if (budget > 0) {
                ByteBuffer part = src.duplicate();
                part.limit(part.position() + (int) budget);
                int n = positional ? d.write(part, position) : d.write(part);
                src.position(src.position() + n);
                writeBudget = 0;
            }
            throw new IOException("No space left on device");
        }
        int n = positional ? d.write(src, position) : d.write(src);
        if (budget >= 0) writeBudget = budget - n;
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return d.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return d.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return limitedWrite(src, 0, false);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = 0;
        for (int i = offset; i < offset + length; i++) n += write(srcs[i]);
        return n;
    }

    @Override
    public long position() throws IOException {
        return d.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        d.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return d.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        d.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failForce) {
            throw new IOException("Input/output error (injected fsync failure)");
        }
        d.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return d.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return d.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return d.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return limitedWrite(src, position, true);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return d.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return d.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return d.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        d.close();
    }
}
