package org.recurrent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sections of docs/model-format.md, for the tests that keep its schema tables equal to what is written. */
final class ModelFormatDoc {
  private ModelFormatDoc() {}

  /** The text from {@code heading} (a whole line, e.g. {@code ### `metrics.json`}) to the next heading. */
  static String section(String heading) throws IOException {
    String doc = Files.readString(file());
    int start = doc.indexOf("\n" + heading + "\n");
    if (start < 0) throw new AssertionError("docs/model-format.md has no section " + heading);
    int end = doc.indexOf("\n#", start + heading.length() + 2);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  private static Path file() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("docs/model-format.md"))) return p.resolve("docs/model-format.md");
    }
    throw new AssertionError("docs/model-format.md not found above " + Path.of("").toAbsolutePath());
  }
}
