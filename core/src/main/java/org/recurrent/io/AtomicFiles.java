package org.recurrent.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

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

  /** Writes {@code text} as UTF-8 to {@code file}, replacing any file of that name. The folder must exist. */
  public static void writeString(Path file, String text) throws IOException {
    Path temp = tempBeside(file);
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
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
