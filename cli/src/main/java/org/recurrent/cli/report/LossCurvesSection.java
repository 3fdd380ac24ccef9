package org.recurrent.cli.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.train.TrainingEvent;

/**
 * The loss during training (events.jsonl): every batch's training loss by optimizer step, and per epoch the mean
 * training loss and the validation loss; with {@code --compare}, every run's per-epoch curves overlaid.
 */
final class LossCurvesSection implements ReportSection {
  @Override
  public String title() {
    return "Loss curves";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return !run.batches().isEmpty() || !run.epochs().isEmpty();
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    List<TrainingEvent.BatchDone> batches = run.batches();
    if (!batches.isEmpty()) {
      double[] step = new double[batches.size()], loss = new double[batches.size()];
      for (int i = 0; i < step.length; i++) {
        step[i] = batches.get(i).step();
        loss[i] = batches.get(i).loss();
      }
      page.chart("loss_batches.png", Charts.lines("Training loss per batch, " + run.name(), "optimizer step",
          "training loss (task loss per target)", List.of(Charts.Curve.line("batch loss", step, loss))),
          "the training loss of every batch (" + batches.size() + " batches)");
    }
    List<Charts.Curve> curves = new ArrayList<>();
    for (RunFiles r : ComparisonSection.all(run, compared)) {
      List<TrainingEvent.EpochDone> epochs = r.epochs();
      if (epochs.isEmpty()) continue;
      String prefix = compared.isEmpty() ? "" : r.name() + ": ";
      double[] e = new double[epochs.size()], train = new double[e.length], val = new double[e.length];
      boolean hasVal = false;
      for (int i = 0; i < e.length; i++) {
        e[i] = epochs.get(i).epoch();
        train[i] = epochs.get(i).trainLoss();
        Double v = epochs.get(i).val().get("loss");
        val[i] = v == null ? Double.NaN : v;
        hasVal |= v != null;
      }
      curves.add(Charts.Curve.line(prefix + "training", e, train));
      if (hasVal) curves.add(Charts.Curve.line(prefix + "validation", e, val));
    }
    if (!curves.isEmpty()) {
      page.chart("loss_epochs.png", Charts.lines("Loss per epoch", "epoch", "loss (task loss per target)", curves),
          "mean training loss and validation loss at the end of each epoch");
    }
  }
}
