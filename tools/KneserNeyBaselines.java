// Times and prints the Kneser-Ney n-gram baselines (orders 2-5) of a language-model config on its own split, the
// numbers docs/results.md#character-level-language-model quotes beside the LSTM's. The same code as a training run
// (DataPreparation for the split and vocabulary, LanguageModelTask for the baselines), without training a model:
//   java -cp cli/target/recurrent.jar tools/KneserNeyBaselines.java examples/shakespeare-char-10min.yaml [FILE]
// With FILE, also writes the fitted baselines there as a training run's baselines.json (the n-gram counts), reads
// them back and checks that they score exactly as the fitted ones, printing the file's size.
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.TrainConfig;
import org.recurrent.pipeline.DataPreparation;
import org.recurrent.pipeline.PreparedData;
import org.recurrent.tasks.FittedBaselines;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskRegistry;

class KneserNeyBaselines {
  public static void main(String[] args) throws Exception {
    Path configFile = Path.of(args[0]);
    TrainConfig config = ConfigFiles.readTrainConfig(configFile);
    PreparedData data = DataPreparation.prepare(config, configFile.toAbsolutePath().getParent());
    Task task = TaskRegistry.standard().get(config.task());
    OutputLabels labels = new OutputLabels(List.of(), List.of(), data.vocabulary().size(), null, 0);
    long start = System.nanoTime();
    FittedBaselines fitted = task.fitBaselines(data.part(PreparedData.Part.TRAIN), labels);
    for (PreparedData.Part p : List.of(PreparedData.Part.VALIDATION, PreparedData.Part.TEST)) {
      long t0 = System.nanoTime();
      Map<String, Double> scores = task.scoreBaselines(fitted, data.part(p), labels);   // rebuilds from the counts, scores
      System.out.printf("%s (%d tokens, %.1f s to fit and score):%n", p.label(), data.part(p).size(),
          (System.nanoTime() - t0) / 1e9);
      scores.forEach((k, v) -> { if (k.endsWith("bits_per_character")) System.out.printf("  %-36s %.4f%n", k, v); });
    }
    System.out.printf("total %.1f s, vocabulary %d, training tokens %d%n", (System.nanoTime() - start) / 1e9,
        data.vocabulary().size(), data.part(PreparedData.Part.TRAIN).size());
    if (args.length > 1) {
      Path file = Path.of(args[1]);
      fitted.save(file);
      FittedBaselines read = FittedBaselines.read(file);
      for (PreparedData.Part p : List.of(PreparedData.Part.VALIDATION, PreparedData.Part.TEST)) {
        if (!task.scoreBaselines(read, data.part(p), labels).equals(task.scoreBaselines(fitted, data.part(p), labels))) {
          throw new AssertionError(file + " scores the " + p.label() + " part differently from the fitted baselines");
        }
      }
      System.out.printf("%s: %,d bytes; read back, it scores both parts exactly as the fitted baselines%n", file,
          java.nio.file.Files.size(file));
    }
  }
}
