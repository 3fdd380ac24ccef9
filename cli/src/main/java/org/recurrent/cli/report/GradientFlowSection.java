package org.recurrent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.io.JsonFiles;
import org.recurrent.models.ModelDirectory;

/**
 * How far back gradients reach, from {@code gradient_flow.json} in the model directory (written by a gradient
 * diagnosis; format in docs/reports.md): per layer, the norm of dL/dh_{T-k} against k, the steps back from the loss.
 * A gradient that vanishes falls by decades, so the axis turns logarithmic when it does.
 */
final class GradientFlowSection implements ReportSection {
  static final String FORMAT = "recurrent-gradient-flow";
  static final int VERSION = 1;

  @Override
  public String title() {
    return "Gradient flow through time";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    try {
      return run.file(RunFiles.GRADIENT_FLOW).isPresent();
    } catch (IOException e) {
      return true;  // write() reports the file's problem
    }
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    Path file = run.file(RunFiles.GRADIENT_FLOW).orElseThrow();
    JsonNode root = JsonFiles.read(file, ModelDirectory.JSON);
    SideFiles.checkFormat(file, root, FORMAT, VERSION);
    JsonNode layers = root.path("layers");
    if (!layers.isArray() || layers.isEmpty()) throw new IOException(file + ": expected a non-empty array \"layers\"");
    List<Charts.Curve> curves = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      String where = file + ": layers[" + l + "]";
      JsonNode layer = layers.get(l);
      if (!layer.path("name").isTextual()) throw new IOException(where + ": expected a string \"name\"");
      double[] norm = SideFiles.numbers(layer.path("grad_norm"), where + ".grad_norm");
      curves.add(Charts.Curve.line(layer.get("name").textValue(), Charts.range(0, norm.length), norm));
    }
    page.text("The norm of the loss's gradient with respect to the hidden state k steps before the loss, per layer ("
        + RunFiles.GRADIENT_FLOW + "). A curve that falls by decades is a vanishing gradient: the model cannot learn "
        + "from that far back.");
    page.chart("gradient_flow.png", Charts.lines("Gradient flow through time", "steps back from the loss (k)",
        "||dL/dh(T-k)|| (L2 norm)", curves), "gradient norm against the distance from the loss, per layer");
  }
}
