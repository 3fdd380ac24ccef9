package org.recurrent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.io.JsonFiles;
import org.recurrent.models.ModelDirectory;

/**
 * Attention heatmaps of an encoder-decoder run, from {@code attention.json} in the model directory (written by
 * the model kind that has attention; format in docs/reports.md): for each example, the weight each output step
 * gave each input step, rows = output steps, columns = input steps. At most {@value #MAX_EXAMPLES} examples.
 */
final class AttentionSection implements ReportSection {
  static final String FORMAT = "recurrent-attention";
  static final int VERSION = 1, MAX_EXAMPLES = 4;

  @Override
  public String title() {
    return "Attention";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    try {
      return run.file(RunFiles.ATTENTION).isPresent();
    } catch (IOException e) {
      return true;  // write() reports the file's problem
    }
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    Path file = run.file(RunFiles.ATTENTION).orElseThrow();
    JsonNode root = JsonFiles.read(file, ModelDirectory.JSON);
    SideFiles.checkFormat(file, root, FORMAT, VERSION);
    JsonNode examples = root.path("examples");
    if (!examples.isArray() || examples.isEmpty()) throw new IOException(file + ": expected a non-empty array \"examples\"");
    page.text(examples.size() + " example(s) in " + RunFiles.ATTENTION + (examples.size() > MAX_EXAMPLES
        ? "; the first " + MAX_EXAMPLES + " are drawn" : "") + ". Each row is one output step; its weights over the "
        + "input steps sum to 1.");
    for (int e = 0; e < Math.min(MAX_EXAMPLES, examples.size()); e++) {
      String where = file + ": examples[" + e + "]";
      JsonNode ex = examples.get(e);
      List<String> source = SideFiles.strings(ex.path("source_tokens"), where + ".source_tokens");
      List<String> target = SideFiles.strings(ex.path("output_tokens"), where + ".output_tokens");
      double[][] w = SideFiles.matrix(ex.path("weights"), target.size(), source.size(), where + ".weights");
      String id = ex.path("where").isTextual() ? ex.path("where").textValue() : Integer.toString(e + 1);
      page.chart("attention_" + (e + 1) + ".png", Charts.heatmap("Attention, example " + id, "input step (source token)",
          "output step (generated token)", w, source, target, "attention weight"),
          "attention weights of example " + id);
    }
  }
}
