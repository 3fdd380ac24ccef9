package org.recurrent.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small text files (JSON side files, configs) so that no reader ever sees half of one: the text goes to a
 * hidden temporary file in the same folder, which is then renamed over the target. A crash leaves the previous file,
 * or none, under the real name. Large binary files have their own streaming writer ({@link SafeTensors#write}).
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * A new empty hidden file in {@code file}'s folder, to be renamed onto {@code file} once complete. It gets the
   * usual rw-r--r-- rather than createTempFile's owner-only permissions: model files are shared outputs.
   */
  public static Path tempBeside(Path file) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep its defaults
    }
    return temp;
  }

  /**
   * Deletes the temporary files a killed writer left in {@code folder}: regular files named {@code .NAME...tmp}, as
   * {@link #tempBeside} and {@link SafeTensors#write} make them. Links and anything else are left alone.
   *
   * @return the names removed, for the caller to report
   */
  public static List<String> removeStaleTemps(Path folder) throws IOException {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) return removed;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.tmp")) {
      for (Path f : files) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(f);
          removed.add(f.getFileName().toString());
        }
      }
    }
    return removed;
  }

  /**
   * Refuses an output path that is a symbolic link: outputs are never written through a link, which could point
   * anywhere ({@code docs/security.md}).
   *
   * @throws IOException naming the file and the link's target
   */
  public static void refuseLink(Path file) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new IOException(file + ": is a symbolic link (to " + Files.readSymbolicLink(file) + "); refused: outputs "
          + "are never written through a link. HINT: remove the link, or write to another directory");
    }
  }

  /** Writes {@code text} as UTF-8 to {@code file}, replacing any file of that name. The folder must exist. */
  public static void writeString(Path file, String text) throws IOException {
    Path temp = tempBeside(file);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) ch.write(bytes);
        ch.force(true);                            // on disk before the rename, as SafeTensors.write does
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING); // a file system without atomic rename
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
