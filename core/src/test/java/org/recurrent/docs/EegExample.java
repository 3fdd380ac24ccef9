package org.recurrent.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.SequenceDataset;
import org.recurrent.data.Split;
import org.recurrent.data.Splits;
import org.recurrent.data.WideCsvOptions;
import org.recurrent.data.WideCsvReader;
import org.recurrent.models.Cell;
import org.recurrent.models.DataSignature;
import org.recurrent.models.Model;
import org.recurrent.models.ModelKind;
import org.recurrent.models.ModelRegistry;
import org.recurrent.models.SequenceModelSection;
import org.recurrent.optim.Adam;
import org.recurrent.tasks.DataPart;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskRegistry;
import org.recurrent.train.ForwardPass;
import org.recurrent.train.Progress;
import org.recurrent.train.Trainer;
import org.recurrent.train.TrainerOptions;
import org.recurrent.train.TrainingEvent;

public class EegExample {
  public static void main(String[] args) throws IOException {
    Path csv = Path.of(args.length > 0 ? args[0]
        : "../shared/data/epileptic-seizure-recognition/epileptic_seizure_recognition.csv.gz");
    Trainer.Result result = train(csv, 3, 42);
    TrainingEvent.EpochDone last = result.epochs().get(result.epochs().size() - 1);
    System.out.println("validation ROC-AUC " + last.val().get("roc_auc") + " after " + result.epochsRun() + " epochs");
  }

  static Trainer.Result train(Path csv, int epochs, long seed) throws IOException {
    // Unnamed,X1..X178,y: each row one sequence of T = 178 steps with F = 1 feature
    WideCsvOptions options = WideCsvOptions.defaults().withIdColumn("Unnamed").withLabelColumn("y")
        .withPositiveLabels(List.of("1"));                                  // seizure (y = 1) against the rest
    SequenceDataset all = WideCsvReader.read(csv, options);
    Split.Datasets parts = Splits.byRatio(all.size(), 0.8, 0.1, seed).apply(all);
    // DataPart(name, records, corpus, windows, tokens, perStepTargets, K): dense records, a class index each
    DataPart train = new DataPart("train", parts.train().examples(), null, null, false, false, 1);
    DataPart validation = new DataPart("validation", parts.validation().examples(), null, null, false, false, 1);

    Task task = TaskRegistry.standard().get("classification");
    OutputLabels labels = new OutputLabels(all.classes(), List.of(), all.classes().size(), null, 0);
    // what the model reads and answers: F dense features per step, K classes, one output per sequence
    DataSignature signature = new DataSignature(false, all.features(), 0, -1, all.classes().size(), false);
    ModelKind<?, ?> kind = ModelRegistry.standard().get("sequence");
    // a config's model section, {cell: gru, hidden_size: 32}: null fields take their defaults
    SequenceModelSection section = new SequenceModelSection(null, Cell.GRU, 32, null, null, null, null, null, null, null);
    Model model = kind.buildFrom(kind.specFrom(section, signature), new Random(seed));

    // 64 records per batch, reshuffled every epoch from the seed, bucketed by length
    BatchSource trainBatches = task.batches(train, BatchPlan.of(64).shuffled(seed).bucketed());
    BatchSource validationBatches = task.batches(validation, BatchPlan.evaluation(256, 1));
    TrainerOptions trainerOptions = TrainerOptions.defaults(epochs, seed).withClipGradNorm(5.0)
        .withEarlyStopping(2, "roc_auc", true);
    Trainer trainer = Trainer.builder(ForwardPass.of(model, task, p -> task.metrics(p, labels)),
            new Adam(model.parameters(), 0.003f), trainerOptions)
        .progress(Progress.plain(System.err, 10))
        .build();
    return trainer.fit(trainBatches, validationBatches);
  }
}
