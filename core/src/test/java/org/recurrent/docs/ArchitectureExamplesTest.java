package org.recurrent.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.Batch;
import org.recurrent.models.Pooling;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Cell;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.models.SequenceModel;
import org.recurrent.data.BatchInput;
import org.recurrent.data.StepInput;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.tasks.DataPart;
import org.recurrent.tasks.FittedBaselines;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.eval.Evaluator;
import org.recurrent.loss.L1Loss;
import org.recurrent.models.DataSignature;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelKind;
import org.recurrent.models.ModelManifest;
import org.recurrent.models.ModelRegistry;
import org.recurrent.models.ModelSection;
import org.recurrent.models.ModelSpec;
import org.recurrent.nn.Linear;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.optim.Adam;
import org.recurrent.tasks.ClassificationTask;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.RegressionTask;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskRegistry;
import org.recurrent.tensor.Tensor;

/**
 * The worked examples of docs/architecture.md, compiled and run: a new model kind and a new task, each trained
 * and checked against its baseline. {@link #docShowsTheCodeThatRunsHere} keeps the page equal to this file.
 */
class ArchitectureExamplesTest {

  /** Kind "mean_linear": the mean of the inputs over each sequence's own steps, then one linear layer. */
  static final class MeanLinearModel extends Model {
    record Spec(int inputSize, int outputSize) implements ModelSpec {}

    private final Spec spec;
    private final Linear head;

    MeanLinearModel(Spec spec, Random rng) {
      this.spec = spec;
      this.head = registerModule("head", new Linear(spec.inputSize(), spec.outputSize(), rng));
    }

    @Override
    public String kind() {
      return "mean_linear";
    }

    @Override
    public ModelSpec spec() {
      return spec;
    }

    @Override
    public DataSignature signature() {
      return new DataSignature(false, spec.inputSize(), 0, -1, spec.outputSize(), false);
    }

    @Override
    public Output forward(Batch batch, RecurrentOutput state) {
      Tensor mean = Ops.maskedMean(batch.features(), batch.lengths());         // (B, F)
      return new Output(head.forward(mean), null);                              // (B, K)
    }
  }

  record MeanLinearSection(String kind) implements ModelSection {}

  static final class MeanLinearKind implements ModelKind<MeanLinearSection, MeanLinearModel.Spec> {
    @Override
    public String name() {
      return "mean_linear";
    }

    @Override
    public Class<MeanLinearSection> sectionType() {
      return MeanLinearSection.class;
    }

    @Override
    public Class<MeanLinearModel.Spec> specType() {
      return MeanLinearModel.Spec.class;
    }

    @Override
    public MeanLinearModel.Spec spec(MeanLinearSection section, DataSignature data) {
      return new MeanLinearModel.Spec(data.features(), data.outputSize());
    }

    @Override
    public Model build(MeanLinearModel.Spec spec, Random rng) {
      return new MeanLinearModel(spec, rng);
    }
  }
  /** Task "median_regression": one value per sequence, L1 loss, MAE against the training median. */
  static final class MedianRegressionTask implements Task {
    private final RegressionTask regression = new RegressionTask();

    @Override
    public String name() {
      return "median_regression";
    }

    @Override
    public void checkTargets(TargetKind kind, String format) {
      regression.checkTargets(kind, format);
    }

    @Override
    public boolean perStepOutput(TargetKind kind) {
      return false;
    }

    @Override
    public Tensor loss(Tensor logits, Batch batch, float[] mask) {
      return new L1Loss().forward(logits, Tensor.of(batch.targets(), batch.size(), batch.targetWidth()));
    }

    @Override
    public Tensor readout(Tensor logits) {
      return logits;
    }

    @Override
    public Map<String, Double> metrics(Predictions p, OutputLabels labels) {
      double sum = 0;
      for (int i = 0; i < p.size(); i++) sum += Math.abs(p.output(i)[0] - p.truth(i)[0]);
      return Map.of("mae", sum / p.size());
    }

    @Override
    public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
      double[] y = train.records().stream().mapToDouble(e -> e.y()[0]).sorted().toArray();
      return new FittedBaselines(name(), train.size(), List.of(FittedBaselines.Baseline.of("train_median",
          y[y.length / 2])));
    }

    @Override
    public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
      double median = fitted.values("train_median").orElseThrow()[0], sum = 0;
      for (SequenceExample e : eval.records()) sum += Math.abs(e.y()[0] - median);
      return Map.of("train_median_mae", sum / eval.records().size());
    }

    @Override
    public void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
      into.put("y", (double) p.output(row)[0]);
    }

    @Override
    public boolean higherIsBetter(String metric) {
      return false;
    }

    @Override
    public BatchSource batches(DataPart part, BatchPlan plan) {
      return regression.batches(part, plan);
    }
  }

  /** Input type "categories": one category in [0, C) per step; padding steps hold -1. */
  record CategorySteps(int[] categories) implements StepInput.Extension {
    @Override
    public int length() {
      return categories.length;
    }

    @Override
    public BatchInput.Extension pad(List<StepInput> members) {
      int B = members.size(), T = 0;
      int[] lengths = new int[B];
      for (int b = 0; b < B; b++) T = Math.max(T, lengths[b] = members.get(b).length());
      int[] ids = new int[T * B];                                               // (T, B) time-major
      java.util.Arrays.fill(ids, -1);
      for (int b = 0; b < B; b++) {
        int[] own = ((CategorySteps) members.get(b)).categories();
        for (int t = 0; t < own.length; t++) ids[t * B + b] = own[t];
      }
      return new CategoryBatch(ids, T, lengths);
    }
  }

  record CategoryBatch(int[] ids, int steps, int[] lengths) implements BatchInput.Extension {
    @Override
    public BatchInput slice(int from, int count) {
      int B = lengths.length;
      return new CategoryBatch(java.util.Arrays.copyOfRange(ids, from * B, (from + count) * B), count,
          BatchInput.clamp(lengths, from, count));
    }
  }

  /** Kind "category_share": share_c = (steps of category c) / len, then logits = W share + b. */
  static final class CategoryShareModel extends Model {
    record Spec(int categories, int outputSize) implements ModelSpec {}

    private final Spec spec;
    private final Linear head;

    CategoryShareModel(Spec spec, Random rng) {
      this.spec = spec;
      this.head = registerModule("head", new Linear(spec.categories(), spec.outputSize(), rng));
    }

    @Override
    public String kind() {
      return "category_share";
    }

    @Override
    public ModelSpec spec() {
      return spec;
    }

    @Override
    public DataSignature signature() {
      return new DataSignature(false, spec.categories(), 0, -1, spec.outputSize(), false);
    }

    @Override
    public Output forward(Batch batch, RecurrentOutput state) {
      CategoryBatch in = (CategoryBatch) batch.primary();
      int B = batch.size(), C = spec.categories();
      float[] share = new float[B * C];                                         // (B, C)
      for (int t = 0; t < in.steps(); t++) {
        for (int b = 0; b < B; b++) {
          int c = in.ids()[t * B + b];
          if (c >= 0) share[b * C + c] += 1f / in.lengths()[b];
        }
      }
      return new Output(head.forward(Tensor.of(share, B, C)), null);           // (B, K)
    }
  }

  /** 300 sequences of 2..6 steps of 3 features; the target is a function of the features' mean. */
  private static List<SequenceExample> data(boolean classes, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int T = 2 + r.nextInt(5);
      float[] x = new float[T * 3];
      double mean0 = 0;
      for (int t = 0; t < T; t++) {
        for (int f = 0; f < 3; f++) x[t * 3 + f] = (float) r.nextGaussian();
        mean0 += x[t * 3] / T;
      }
      float y = classes ? (mean0 > 0 ? 1 : 0) : (float) (3 * mean0 + 0.05 * r.nextGaussian());
      out.add(new SequenceExample("r" + i, T, 3, x, new float[] {y}, "gen:" + i));
    }
    return out;
  }

  private static void train(Model model, Task task, DataPart part, int epochs) {
    Adam adam = new Adam(model.parameters(), 0.05f);
    BatchSource batches = task.batches(part, BatchPlan.of(32).shuffled(1));
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int b = 0; b < batches.batchesPerEpoch(); b++) {
        Batch batch = batches.batch(epoch, b);
        adam.zeroGrad();
        task.loss(model.forward(batch, null).logits(), batch, null).backward();
        adam.step();
      }
    }
  }

  @Test
  void newModelKindTrainsAndRoundTripsThroughAModelDirectory(@TempDir Path dir) throws IOException {
    ModelRegistry kinds = ModelRegistry.standard().with(new MeanLinearKind());
    ModelKind<?, ?> kind = kinds.get("mean_linear");
    DataSignature signature = new DataSignature(false, 3, 0, -1, 2, false);
    Model model = kind.buildFrom(kind.specFrom(new MeanLinearSection("mean_linear"), signature), new Random(1));
    Task task = new ClassificationTask();
    DataPart train = new DataPart("train", data(true, 1), null, null, false, false, 1);
    DataPart test = new DataPart("test", data(true, 2), null, null, false, false, 1);
    train(model, task, train, 30);
    OutputLabels labels = new OutputLabels(List.of("neg", "pos"), List.of(), 2, null, 0);
    double accuracy = new Evaluator(task).evaluate(model, test, BatchPlan.evaluation(64, 1), labels).metrics()
        .get("accuracy");
    double majority = task.baselines(train, test, labels).get("majority_class_accuracy");
    assertTrue(accuracy > majority + 0.3, "mean_linear accuracy " + accuracy + " vs majority " + majority);

    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, task.name(),
        ModelManifest.describe(model), ModelDirectory.JSON.createObjectNode().put("format", "wide_csv"), List.of(),
        labels.classes(), List.of(), Map.of());
    ModelDirectory.write(dir, manifest, model);
    Model back = ModelDirectory.read(dir, kinds).model();
    assertEquals("mean_linear", back.kind());
    Batch batch = task.batches(test, BatchPlan.evaluation(64, 1)).batch(0, 0);
    model.eval();
    assertTrue(java.util.Arrays.equals(model.forward(batch, null).logits().data(),
        back.forward(batch, null).logits().data()), "the model read back gives the same outputs");
  }

  @Test
  void newTaskTrainsAndBeatsItsOwnBaseline() {
    TaskRegistry tasks = TaskRegistry.standard().with(new MedianRegressionTask());
    Task task = tasks.get("median_regression");
    Model model = new MeanLinearModel(new MeanLinearModel.Spec(3, 1), new Random(3));
    DataPart train = new DataPart("train", data(false, 1), null, null, false, false, 1);
    DataPart test = new DataPart("test", data(false, 2), null, null, false, false, 1);
    train(model, task, train, 40);
    OutputLabels labels = new OutputLabels(List.of(), List.of("y"), 1, null, 0);
    double mae = new Evaluator(task).evaluate(model, test, BatchPlan.evaluation(64, 1), labels).metrics().get("mae");
    double median = task.baselines(train, test, labels).get("train_median_mae");
    assertTrue(mae < 0.5 * median, "median_regression MAE " + mae + " should be under half the median's " + median);
  }

  @Test
  void newInputTypeIsPaddedCutAndReadByItsOwnKind() {
    Random r = new Random(5);
    List<SequenceExample> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int T = 3 + r.nextInt(6);
      int[] c = new int[T];
      int label = r.nextInt(2);
      for (int t = 0; t < T; t++) c[t] = r.nextDouble() < 0.7 ? label : 2;       // mostly its label's category
      records.add(new SequenceExample("r" + i, T, Map.of(SequenceExample.PRIMARY, new CategorySteps(c)),
          new float[] {label}, "gen:" + i));
    }
    Task task = new ClassificationTask();
    DataPart train = new DataPart("train", records.subList(0, 200), null, null, false, false, 1);
    DataPart test = new DataPart("test", records.subList(200, 300), null, null, false, false, 1);
    Model model = new CategoryShareModel(new CategoryShareModel.Spec(3, 2), new Random(2));
    train(model, task, train, 30);
    OutputLabels labels = new OutputLabels(List.of("a", "b"), List.of(), 2, null, 0);
    double accuracy = new Evaluator(task).evaluate(model, test, BatchPlan.evaluation(64, 1), labels).metrics()
        .get("accuracy");
    double majority = task.baselines(train, test, labels).get("majority_class_accuracy");
    assertTrue(accuracy > majority + 0.3, "category_share accuracy " + accuracy + " vs majority " + majority);

    Batch batch = task.batches(test, BatchPlan.of(4)).batch(0, 0);
    CategoryBatch whole = (CategoryBatch) batch.primary();
    CategoryBatch tail = (CategoryBatch) whole.slice(1, whole.steps() - 1);
    assertEquals(whole.ids()[4], tail.ids()[0], "step 1 of record 0 starts the slice");
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new SequenceModel(
        new SequenceModelConfig(Cell.GRU, 3, 0, 0, -1, 4, 1, false, 0f, OutputMode.SEQUENCE, Pooling.LAST, 2),
        new Random(1)).forward(batch, null));
    assertEquals("the sequence kind reads dense, token and bag inputs, not CategoryBatch; a model kind of its own "
        + "reads that type", e.getMessage());
  }

  /** Every line of every java block in docs/architecture.md appears, in order, in this file. */
  @Test
  void docShowsTheCodeThatRunsHere() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    Path doc = (Files.exists(root.resolve("docs")) ? root : root.getParent()).resolve("docs/architecture.md");
    String page = Files.readString(doc);
    String self = Files.readString((Files.exists(root.resolve("core")) ? root.resolve("core") : root)
        .resolve("src/test/java/org/recurrent/docs/ArchitectureExamplesTest.java"));
    var blocks = java.util.regex.Pattern.compile("```java\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(page);
    int from = 0, count = 0;
    while (blocks.find()) {
      for (String line : blocks.group(1).split("\\n")) {
        if (line.isBlank()) continue;
        int at = self.indexOf("  " + line, from);
        assertTrue(at >= 0, "docs/architecture.md line not in ArchitectureExamplesTest (or out of order): " + line);
        from = at;
        count++;
      }
    }
    assertTrue(count > 50, "the page should hold the worked examples, found " + count + " lines");
  }
}
