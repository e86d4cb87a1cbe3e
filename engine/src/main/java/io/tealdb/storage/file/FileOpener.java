package io.tealdb.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * How the block file and the log open their channels. Production uses {@link FileChannel#open};
 * fault-injection tests install a wrapper ({@link #install}) whose channels fail writes or fsyncs.
 */
@FunctionalInterface
public interface FileOpener {
    FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;

    FileOpener DEFAULT = (path, options) -> FileChannel.open(path, options);

    /** The opener in use (process-wide; tests replace it around one database open). */
    static FileOpener current() {
        return Holder.current;
    }

    static void install(FileOpener opener) {
        Holder.current = opener == null ? DEFAULT : opener;
    }

    /** Holds the process-wide opener. */
    final class Holder {
        private static volatile FileOpener current = DEFAULT;

        private Holder() {
        }
    }
}
