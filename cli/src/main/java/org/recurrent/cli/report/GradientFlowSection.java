package org.recurrent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recurrent.io.JsonFiles;
import org.recurrent.models.ModelDirectory;

/**
 * How far back gradients reach, from {@code diagnose/gradient_flow.json} in the model directory, which
 * {@code recurrent diagnose} writes (its format: docs/model-format.md): per layer, the mean norm of dL/dh_{T-1-k}
 * against the distance k, after training (solid) and at initialisation (dashed, when measured), and the diagnosis's
 * plain-language reading. A gradient that vanishes falls by decades, so the axis turns logarithmic when it does.
 */
final class GradientFlowSection implements ReportSection {
  static final String FOLDER = "diagnose";

  @Override
  public String title() {
    return "Gradient flow through time";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    try {
      return file(run).isPresent();
    } catch (IOException e) {
      return true;  // write() reports the file's problem
    }
  }

  /**
   * The diagnosis file, if there is one: {@code diagnose} must be a real folder of the model directory (not a link,
   * which could lead anywhere) and the file in it passes {@link ModelDirectory#fileInside}, as every side file does.
   */
  static Optional<Path> file(RunFiles run) throws IOException {
    Path folder = run.dir().resolve(FOLDER);                      // a fixed name: only the link needs checking
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
    if (Files.isSymbolicLink(folder) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(folder + ": expected the folder recurrent diagnose writes, found a link or a file");
    }
    Path f = ModelDirectory.fileInside(folder, RunFiles.GRADIENT_FLOW);
    return Files.exists(f) ? Optional.of(f) : Optional.empty();
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    Path file = file(run).orElseThrow();
    JsonNode root = JsonFiles.read(file, ModelDirectory.JSON);
    if (!root.isObject()) throw new IOException(file + ": expected a JSON object");
    List<Charts.Curve> curves = new ArrayList<>(curves(file, root, "at_end", "trained", false));
    if (root.has("at_init")) curves.addAll(curves(file, root, "at_init", "at initialisation", true));
    page.text("The mean norm of the loss's gradient with respect to the hidden state k steps before the last, per "
        + "layer, after training and at initialisation (" + FOLDER + "/" + RunFiles.GRADIENT_FLOW + ", written by "
        + "recurrent diagnose). A curve that falls by decades is a vanishing gradient: the model cannot learn from "
        + "that far back.");
    if (root.path("reading").isTextual()) page.text(root.get("reading").textValue());
    page.chart("gradient_flow.png", Charts.lines("Gradient flow through time", "steps back from the last step (k)",
        "||dL/dh(T-1-k)|| (L2 norm)", curves), "gradient norm against the distance from the loss, per layer");
  }

  /** One curve per layer of {@code root.<part>}: {@code distances} against each {@code norms} entry. */
  private static List<Charts.Curve> curves(Path file, JsonNode root, String part, String label, boolean dashed)
      throws IOException {
    JsonNode p = root.path(part);
    String where = file + ": " + part;
    if (!p.isObject()) throw new IOException(where + ": expected an object with \"distances\" and \"norms\"");
    double[] k = SideFiles.numbers(p.path("distances"), where + ".distances");
    JsonNode norms = p.path("norms");
    if (!norms.isObject() || norms.isEmpty()) throw new IOException(where + ".norms: expected an object of layers");
    List<Charts.Curve> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = norms.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> layer = it.next();
      double[] norm = SideFiles.numbers(layer.getValue(), where + ".norms." + layer.getKey());
      if (norm.length != k.length) {
        throw new IOException(where + ".norms." + layer.getKey() + ": expected " + k.length
            + " values (one per distance), found " + norm.length);
      }
      out.add(new Charts.Curve(layer.getKey() + ", " + label, k, norm, false, dashed));
    }
    return out;
  }
}
