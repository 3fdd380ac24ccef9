package org.recurrent.data.ehr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The hand-made fixtures under {@code src/test/resources/ehr} and helpers to write broken variants of them. */
final class EhrFixtures {
  static final Path SHARED = Path.of("/work/shared/data");

  private EhrFixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(EhrFixtures.class.getResource("/ehr/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies every file of fixture folder {@code name} into {@code dir}, then writes {@code files} over them. */
  static Path copy(String name, Path dir, Map<String, String> files) throws IOException {
    try (var list = Files.list(resource(name))) {
      for (Path p : list.toList()) Files.copy(p, dir.resolve(p.getFileName().toString()));
    }
    for (var e : files.entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue());
    return dir;
  }

  static PatientHistory patient(EhrData data, String id) {
    return data.patients().stream().filter(h -> h.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no patient " + id + " in " + ids(data)));
  }

  static List<String> ids(EhrData data) {
    return data.patients().stream().map(PatientHistory::id).toList();
  }

  static List<String> visitIds(PatientHistory h) {
    return h.visits().stream().map(Visit::id).toList();
  }

  static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
