package org.recurrent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.recurrent.models.DataSignature;
import org.recurrent.models.Model;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelManifest;
import org.recurrent.nn.Module;
import org.recurrent.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recurrent inspect}: what a model directory holds: architecture, parameters (trainable and frozen),
 * buffers, provenance, metrics.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a model's architecture, its "
    + "trainable and frozen parameters and its buffers with their shapes and counts, provenance and final metrics "
    + "(checks every file while reading).")
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
    // config.json, provenance.json and metrics.json are untrusted: their text reaches the terminal escaped
    PrintWriter out = new PrintWriter(org.recurrent.data.PrintableText.writer(spec.commandLine().getOut()));
    JsonNode provenance = readJson(model.dir, ModelDirectory.PROVENANCE);
    JsonNode metrics = readJson(model.dir, ModelDirectory.METRICS);
    if (json) {
      var node = ModelDirectory.JSON.createObjectNode();
      node.set("config", ModelDirectory.JSON.valueToTree(m));
      Tensors.of(loaded.model()).putInto(node);
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
    Tensors.of(loaded.model()).print(out);
    if (!m.files().isEmpty()) out.println("files      " + m.files());
    if (provenance != null) {
      out.println("trained    " + provenance.path("finished").asText("?") + " in " + provenance.path("seconds").asText("?")
          + " s, " + provenance.path("epochs").asText("?") + " epochs (best " + provenance.path("best_epoch").asText("?")
          + ", stop: " + provenance.path("stop_reason").asText("?") + "), seed " + provenance.path("seed").asText("?"));
      out.println("built by   " + provenance.path("environment").path("library").asText("?") + " on JDK "
          + provenance.path("environment").path("jdk").asText("?"));
      java.util.List<String> sets = new java.util.ArrayList<>();
      provenance.path("overrides").forEach(o -> sets.add("--set " + o.asText()));
      if (!sets.isEmpty()) out.println("overrides  " + String.join(" ", sets));
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

  /**
   * A module's tensors by role, each listed once: its parameters in state-dict order, of which {@code frozen} are
   * frozen and the others trainable (what {@link Module#parameterCount()} counts and an optimizer updates), and
   * its buffers in {@link Module#namedBuffers()} order, of which {@code unsaved} (non-persistent) are not in the
   * weights file.
   */
  record Tensors(Map<String, Tensor> parameters, Set<String> frozen, Map<String, Tensor> buffers, Set<String> unsaved) {

    static Tensors of(Module module) {
      Map<String, Tensor> all = new LinkedHashMap<>(module.namedParameters());
      all.putAll(module.namedFrozenParameters());
      Map<String, Tensor> state = module.stateDict();
      Map<String, Tensor> parameters = new LinkedHashMap<>();
      for (String k : state.keySet()) if (all.containsKey(k)) parameters.put(k, all.get(k));
      Map<String, Tensor> buffers = module.namedBuffers();
      Set<String> unsaved = new LinkedHashSet<>(buffers.keySet());
      unsaved.removeAll(state.keySet());
      return new Tensors(parameters, module.namedFrozenParameters().keySet(), buffers, unsaved);
    }

    Map<String, Tensor> trainable() {
      return select(parameters, k -> !frozen.contains(k));
    }

    Map<String, Tensor> frozenParameters() {
      return select(parameters, frozen::contains);
    }

    private static Map<String, Tensor> select(Map<String, Tensor> tensors, java.util.function.Predicate<String> keep) {
      Map<String, Tensor> out = new LinkedHashMap<>();
      tensors.forEach((k, v) -> {
        if (keep.test(k)) out.put(k, v);
      });
      return out;
    }

    static long count(Map<String, Tensor> tensors) {
      long n = 0;
      for (Tensor t : tensors.values()) n += t.numel();
      return n;
    }

    /**
     * <pre>{@code
     * parameters 370 trainable, 16 frozen
     *   weight_ih_l0                 [32, 1]                32
     *   head.weight                  [2, 8]                 16  frozen
     * buffers    1,028
     *   reservoir                    [32, 32]            1,024
     *   scratch                      [4]                     4  not saved
     * }</pre>
     */
    void print(PrintWriter out) {
      out.printf(Locale.ROOT, "parameters %,d trainable, %,d frozen%n", count(trainable()), count(frozenParameters()));
      parameters.forEach((k, v) -> row(out, k, v, frozen.contains(k) ? "frozen" : ""));
      out.printf(Locale.ROOT, "buffers    %,d%n", count(buffers));
      buffers.forEach((k, v) -> row(out, k, v, unsaved.contains(k) ? "not saved" : ""));
    }

    private static void row(PrintWriter out, String name, Tensor t, String note) {
      String line = String.format(Locale.ROOT, "  %-28s %-14s %,10d", name, Arrays.toString(t.shape()), t.numel());
      out.println(note.isEmpty() ? line : line + "  " + note);
    }

    /**
     * The same as JSON: the counts {@code parameters} (trainable), {@code frozen_parameters} and
     * {@code buffer_values}; name -> shape maps {@code trainable}, {@code frozen} and {@code buffers} (each sums to
     * its count); {@code unsaved_buffers}, the names of buffers not in the weights file.
     */
    void putInto(ObjectNode node) {
      node.put("parameters", count(trainable()));
      node.put("frozen_parameters", count(frozenParameters()));
      node.put("buffer_values", count(buffers));
      shapes(node.putObject("trainable"), trainable());
      shapes(node.putObject("frozen"), frozenParameters());
      shapes(node.putObject("buffers"), buffers);
      var names = node.putArray("unsaved_buffers");
      unsaved.forEach(names::add);
    }

    private static void shapes(ObjectNode into, Map<String, Tensor> tensors) {
      tensors.forEach((k, v) -> into.set(k, ModelDirectory.JSON.valueToTree(v.shape())));
    }
  }

  /** A JSON file of the model directory, or null when there is none; checked as {@link ModelDirectory#fileInside}. */
  private static JsonNode readJson(Path dir, String name) throws java.io.IOException {
    Path file = ModelDirectory.fileInside(dir, name);
    if (!Files.exists(file)) return null;
    return org.recurrent.io.JsonFiles.read(file, ModelDirectory.JSON);
  }
}
