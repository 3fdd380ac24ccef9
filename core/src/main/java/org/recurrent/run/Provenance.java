package org.recurrent.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.kernel.KernelProvider;

/**
 * {@code provenance.json}: how a model came to be, so a result can be traced and repeated: library version, JDK,
 * operating system, cores, kernels, the seed, the training config as given, every data file with its size and
 * SHA-256, and the run's timing and outcome.
 */
public final class Provenance {
  private Provenance() {}

  static String libraryVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static Map<String, Object> environment() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("library", "recurrent " + libraryVersion());
    m.put("jdk", Runtime.version().toString() + " (" + System.getProperty("java.vm.name") + ")");
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("kernels", KernelProvider.get().name());
    return m;
  }

  static List<Map<String, Object>> files(List<Path> files) throws IOException {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (Path f : files) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.toAbsolutePath().toString());
      m.put("bytes", Files.size(f));
      m.put("sha256", sha256(f));
      out.add(m);
    }
    return out;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
