package org.recurrent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent.models.DataSignature;
import org.recurrent.models.Model;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelManifest;
import org.recurrent.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recurrent inspect}: what a model directory holds: architecture, parameters, provenance, metrics. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a model's architecture, parameter counts per tensor, provenance and "
    + "final metrics (checks every file while reading).")
final class InspectCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Mixin ModelDirOption model;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  /** The architecture in one line: the sequence kind in words, other kinds by their spec. */
  private static String describe(Model model) {
    if (model instanceof SequenceModel s) {
      SequenceModelConfig c = s.config();
      return c.cell().configName() + ", hidden " + c.hiddenSize() + ", layers " + c.numLayers()
          + (c.bidirectional() ? ", bidirectional" : "") + ", dropout " + c.dropout()
          + (c.tokenInput() ? ", embedding " + c.embeddingDim() : "") + ", output " + c.output().configName()
          + (c.perStep() ? "" : " (" + c.pooling().configName() + " pooling)");
    }
    return model.kind() + " " + model.spec();
  }

  @Override
  public Integer call() throws Exception {
    ModelDirectory.Loaded loaded = ModelDirectory.read(model.dir);
    ModelManifest m = loaded.manifest();
    PrintWriter out = spec.commandLine().getOut();
    JsonNode provenance = readJson(model.dir.resolve(ModelDirectory.PROVENANCE));
    JsonNode metrics = readJson(model.dir.resolve(ModelDirectory.METRICS));
    if (json) {
      var node = ModelDirectory.JSON.createObjectNode();
      node.set("config", ModelDirectory.JSON.valueToTree(m));
      node.put("parameters", loaded.model().parameterCount());
      var tensors = node.putObject("tensors");
      loaded.model().stateDict().forEach((k, v) -> tensors.set(k, ModelDirectory.JSON.valueToTree(v.shape())));
      if (provenance != null) node.set("provenance", provenance);
      if (metrics != null) node.set("metrics", metrics);
      out.println(ModelDirectory.JSON.writeValueAsString(node));
      out.flush();
      return 0;
    }
    out.println("model      " + model.dir.toAbsolutePath());
    out.println("task       " + m.task() + (m.classes().isEmpty() ? "" : ", classes " + m.classes())
        + (m.targetNames().isEmpty() ? "" : ", targets " + m.targetNames()));
    DataSignature sig = loaded.model().signature();
    out.println("inputs     " + (sig.tokens() ? "token ids, vocabulary " + sig.vocabularySize()
        : sig.features() + " numeric features per step") + "; data format " + m.data().path("format").asText());
    out.println("network    " + describe(loaded.model()) + " -> " + sig.outputSize() + (sig.perStep() ? " per step" : ""));
    out.printf(Locale.ROOT, "parameters %,d%n", loaded.model().parameterCount());
    for (Map.Entry<String, Tensor> e : loaded.model().stateDict().entrySet()) {
      out.printf(Locale.ROOT, "  %-28s %-14s %,10d%n", e.getKey(), Arrays.toString(e.getValue().shape()),
          e.getValue().numel());
    }
    if (!m.files().isEmpty()) out.println("files      " + m.files());
    if (provenance != null) {
      out.println("trained    " + provenance.path("finished").asText("?") + " in " + provenance.path("seconds").asText("?")
          + " s, " + provenance.path("epochs").asText("?") + " epochs (best " + provenance.path("best_epoch").asText("?")
          + ", stop: " + provenance.path("stop_reason").asText("?") + "), seed " + provenance.path("seed").asText("?"));
      out.println("built by   " + provenance.path("environment").path("library").asText("?") + " on JDK "
          + provenance.path("environment").path("jdk").asText("?"));
      for (JsonNode f : provenance.path("data_files")) {
        out.println("data       " + f.path("path").asText() + " (" + f.path("bytes").asText() + " bytes, sha256 "
            + f.path("sha256").asText().substring(0, Math.min(16, f.path("sha256").asText().length())) + "...)");
      }
    }
    if (metrics != null) {
      for (String part : new String[] {"validation", "test"}) {
        JsonNode p = metrics.path(part);
        if (p.isMissingNode()) continue;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s", part));
        p.fields().forEachRemaining(e -> {
          if (e.getValue().isNumber() && !e.getKey().equals("records")) {
            sb.append(String.format(Locale.ROOT, " %s %.4f", e.getKey(), e.getValue().asDouble()));
          }
        });
        out.println(sb);
      }
    }
    out.flush();
    return 0;
  }

  private static JsonNode readJson(Path file) throws java.io.IOException {
    if (!Files.exists(file)) return null;
    try {
      return ModelDirectory.JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.IOException(file + ": not valid JSON: " + e.getOriginalMessage());
    }
  }
}
