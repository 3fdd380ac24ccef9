package org.recurrent.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchSource;
import org.recurrent.models.ClosedFormFit;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.optim.GradClip;
import org.recurrent.optim.Optimizer;
import org.recurrent.optim.ScheduleDriver;
import org.recurrent.tensor.Tensor;

/**
 * The training loop, in one readable method ({@link #fit}) over two seams:
 * <pre>{@code
 * for epoch:
 *   for batch (in an order fixed by (seed, epoch)):
 *     reseed dropout from (seed, epoch, batch)
 *     for chunk of k steps (truncated BPTT; the whole batch when off):
 *       computeGradients: zero grads; loss = pass.forward(chunk, carried state); stop if not finite; backward
 *       listeners.afterBackward (gradients seen, possibly changed: diagnostics, summing across workers)
 *       applyGradients:   stop if gradient not finite; clip; optimizer step; schedule step
 *       carried state = final state, detached (the gradient stops here)
 *     listeners.onBatchEnd (progress, events, periodic checkpoint)
 *   evaluate on validation data; score the epoch and remember the best ({@link EpochScore}); schedule epoch step
 *   listeners.onEpochEnd (events, progress, checkpoints, early stopping)
 * }</pre>
 * A model that implements {@link ClosedFormFit} is fitted by one call instead, as the run's only epoch. The trainer
 * knows the model and the task only through a {@link ForwardPass}.
 *
 * <p>Everything random derives from the seed and the position (epoch, batch), never from how many batches this
 * process has run, and a checkpoint ({@link TrainingContext#checkpoint()}) holds the weights, the optimizer
 * buffers, the schedule, the carried state and the position, all put back by {@link Checkpoint#restore} on resume:
 * so a run stopped and resumed from a checkpoint ends with the same bits as one that never stopped.
 *
 * <p>A non-finite loss or gradient stops the run before the step is taken, and a non-finite validation loss before
 * anything is written for that epoch: the last good checkpoint stays as it was, the listeners get a {@code stop}
 * event, and {@link NonFiniteLossException} says where it happened (epoch, batch and the refused step, numbered as
 * in the events) and which checkpoint is good.
 */
public final class Trainer {
  public static final String LAST = "last.safetensors";
  public static final String BEST = "best.safetensors";

  private final ForwardPass pass;
  private final Module model;
  private final List<Tensor> parameters;
  private final Map<String, Tensor> namedParameters;
  private final Optimizer optimizer;
  private final ScheduleDriver schedule;
  private final TrainerOptions options;
  private final String name;
  private final Path resumeFrom;
  private final List<TrainingListener> listeners;
  private final ClosedFormFit closedForm;
  private final int epochLimit;                // epochs in all: options.epochs(), or 1 for a closed-form fit
  private final TrainingContext context = new Context();

  // where the run stands; fields rather than locals of fit so that listeners and the NaN guard see them
  private TrainerState state = TrainerState.start();
  private RecurrentOutput carry;      // the state carried from batch to batch of a stateful stream
  private int batch;                  // the batch being trained, or last trained (0-based)
  private long steps;                 // optimizer steps taken
  private Path lastCheckpoint;        // the last checkpoint written or resumed from, for the NaN guard's message
  private String stopRequest;

  /**
   * What a run ended with.
   *
   * @param stopReason as in the {@code stop} event: {@code completed}, {@code early_stopping} or a listener's reason
   * @param epochsRun  epochs complete (resumed ones included)
   * @param bestEpoch  epoch of the best monitored value, 0-based (-1 before any evaluation)
   * @param bestValue  the best monitored value (NaN before any evaluation)
   * @param epochs     the metrics rows of the epochs this process ran
   */
  public record Result(String stopReason, int epochsRun, int bestEpoch, double bestValue,
                       List<TrainingEvent.EpochDone> epochs) {

    /** The epochs' rows as maps: {@code epoch} (from 1), {@code train_loss}, {@code val_*}, {@code lr}, {@code seconds}. */
    public List<Map<String, Double>> history() {
      List<Map<String, Double>> rows = new ArrayList<>();
      for (TrainingEvent.EpochDone e : epochs) rows.add(e.row());
      return rows;
    }
  }

  /** What {@link #computeGradients} leaves besides the gradients: the chunk's loss, its weight, the state after it. */
  public record Backward(double loss, double weight, RecurrentOutput state) {}

  /** What {@link #applyGradients} did: the gradients' norm before clipping, whether clipping fired, the rate used. */
  public record Update(double gradNorm, boolean clipped, double lr) {}

  private Trainer(Builder b) {
    this.pass = b.pass;
    this.model = pass.model();
    this.parameters = model.parameters();
    this.namedParameters = Collections.unmodifiableMap(model.namedParameters());
    this.optimizer = b.optimizer;
    this.schedule = b.schedule;
    this.options = b.options;
    this.name = b.name;
    this.resumeFrom = b.checkpoints == null ? null : b.checkpoints.resolve(LAST);
    List<TrainingListener> all = new ArrayList<>(b.listeners);
    if (options.patience() > 0) all.add(new EarlyStopping(options.patience()));
    this.listeners = List.copyOf(all);
    this.closedForm = model instanceof ClosedFormFit c ? c : null;
    this.epochLimit = closedForm != null ? 1 : options.epochs();
    if (options.tbptt() > 0 && !pass.perStep()) {
      throw new IllegalArgumentException("training.tbptt applies to per-step outputs (tagging, language models, "
          + "per-step regression); this model has one output per sequence");
    }
    if (options.tbptt() > 0 && model instanceof org.recurrent.models.SequenceDecoder) {
      // a chunk of the target would come with a chunk of the source, which the encoder must read whole
      throw new IllegalArgumentException("training.tbptt must be 0 for an encoder-decoder (model.kind seq2seq): it "
          + "reads each source whole and decodes each target whole");
    }
  }

  /**
   * A trainer for the model and task of {@code pass}, stepping with {@code optimizer}. Without more: a constant
   * learning rate, no checkpoints, no output; early stopping when {@code options.patience()} is set.
   */
  public static Builder builder(ForwardPass pass, Optimizer optimizer, TrainerOptions options) {
    return new Builder(pass, optimizer, options);
  }

  /** Trains on {@code train}, evaluating on {@code validation} (or null) after every epoch. */
  public Result fit(BatchSource train, BatchSource validation) throws IOException {
    checkMonitor(validation);
    begin(train);                                                // fresh, or resumed from the last checkpoint
    List<TrainingEvent.EpochDone> epochs = new ArrayList<>();
    try {
      while (state.epoch() < epochLimit && stopRequest == null) {
        int epoch = state.epoch();
        long started = System.nanoTime();
        model.train(true);
        if (closedForm != null) {
          fitClosedForm(train, validation);
        } else {
          for (int b = state.batch(); b < train.batchesPerEpoch() && stopRequest == null; b++) {
            batch = b;
            Batch data = train.batch(epoch, b);
            model.reseed(mix(options.seed(), epoch, b));          // dropout masks from (seed, epoch, batch) alone
            if (!data.continues()) carry = null;
            BatchSums sums = new BatchSums();
            for (Chunk chunk : Chunk.split(data, options.tbptt())) {
              Backward backward = computeGradients(chunk, carry);
              StepGradients gradients = new StepGradients(epoch + 1, b + 1, steps + 1, backward.loss(), namedParameters);
              for (TrainingListener l : listeners) l.afterBackward(context, gradients);
              sums.add(backward, applyGradients());
              carry = backward.state();                             // detached: truncated BPTT stops here
            }
            state = state.afterBatch(b + 1, steps, sums.meanLoss(), sums.weight(), train.units(data));
            TrainingEvent.BatchDone done = sums.event(epoch + 1, b + 1, steps);
            for (TrainingListener l : listeners) l.onBatchEnd(context, done);
          }
        }
        if (state.batch() == train.batchesPerEpoch()) epochs.add(endEpoch(validation, started));   // unless stopped
      }
    } catch (NonFiniteLossException e) {
      for (TrainingListener l : listeners) l.onStop(context, e.stop());
      throw e;
    }
    String reason = stopRequest != null ? stopRequest : "completed";
    TrainingEvent.Stopped stop = state.stopped(reason, train.batchesPerEpoch());
    for (TrainingListener l : listeners) l.onStop(context, stop);
    return new Result(reason, state.epoch(), state.bestEpoch(), state.bestValue(), epochs);
  }

  /**
   * Forward and backward of one chunk from a carried state: zeroes the gradients, computes the chunk's loss and
   * leaves its gradients in the parameters. Nothing is clipped or stepped; see {@link #applyGradients}.
   *
   * @param carried the state to start from (the previous chunk's or batch's), or null for zeros
   * @return the loss, its weight and the state after the chunk, detached from the graph: carried into the next
   *     chunk, it lets no gradient flow back into this one (truncated BPTT)
   * @throws NonFiniteLossException when the loss is NaN or infinite (before backward)
   */
  public Backward computeGradients(Chunk chunk, RecurrentOutput carried) {
    optimizer.zeroGrad();
    ForwardPass.Loss out = pass.forward(chunk, carried);
    double loss = out.loss().item();
    if (!Double.isFinite(loss)) throw nonFinite("loss", loss, steps + 1);
    out.loss().backward();
    return new Backward(loss, out.weight(), detached(out.state()));
  }

  /**
   * One optimizer step from the gradients in the parameters: checks them, clips them ({@code clipGradNorm}, then
   * {@code clipGradValue}), steps the optimizer and then the schedule.
   *
   * @throws NonFiniteLossException when a gradient is NaN or infinite; then nothing is changed
   */
  public Update applyGradients() {
    double maxNorm = options.clipGradNorm();
    double norm = maxNorm > 0 ? GradClip.clipGradNorm(parameters, maxNorm) : GradClip.gradNorm(parameters);
    if (!Double.isFinite(norm)) throw nonFinite("gradient norm", norm, steps + 1);
    boolean clipped = maxNorm > 0 && maxNorm / (norm + 1e-6) < 1;      // GradClip's own condition for scaling
    if (options.clipGradValue() > 0) {
      clipped |= GradClip.maxAbsGrad(parameters) > (float) options.clipGradValue();
      GradClip.clipGradValue(parameters, (float) options.clipGradValue());
    }
    double lr = optimizer.learningRate();
    optimizer.step();
    steps++;
    schedule.afterStep(steps);
    return new Update(norm, clipped, lr);
  }

  /**
   * Mean training loss of the run's last complete epoch, this process's or (resumed after it) a previous one's;
   * empty before any.
   */
  public java.util.OptionalDouble lastEpochLoss() {
    double loss = state == null ? Double.NaN : state.lastEpochLoss();
    return Double.isNaN(loss) ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(loss);
  }

  private void checkMonitor(BatchSource validation) {
    checkMonitor(pass, validation, options.monitor());
  }

  /**
   * Refuses a {@code training.monitor} the run cannot compute, before any work is done rather than after the first
   * epoch ({@link ForwardPass#valueNames} on the first validation batch). {@link #fit} calls it; a caller that writes
   * files before fitting (a training run's output folder) calls it first, so a refused run leaves them untouched.
   *
   * @param validation the validation batches, or null without validation data
   * @throws IllegalArgumentException naming the values the run does compute
   */
  public static void checkMonitor(ForwardPass pass, BatchSource validation, String monitor) {
    if (monitor.equals("loss")) return;
    if (validation == null || validation.batchesPerEpoch() == 0) {
      EpochScore.checkMonitor(Map.of(), monitor);
      return;
    }
    Map<String, Double> names = new LinkedHashMap<>();
    for (String n : pass.valueNames(BatchSource.firstBatchOf(validation))) names.put(n, Double.NaN);
    EpochScore.checkMonitor(names, monitor);
  }

  /** Fresh, or from the last checkpoint when asked to resume and there is one; tells the listeners. */
  private void begin(BatchSource train) throws IOException {
    state = TrainerState.start();
    carry = null;
    steps = 0;
    lastCheckpoint = null;
    stopRequest = null;
    TrainingEvent.Started started = new TrainingEvent.Started(name, pass.task(), options.seed(), model.parameterCount(),
        options.resume(), epochLimit, train.batchesPerEpoch(), train.unit());
    for (TrainingListener l : listeners) l.onStart(context, started);
    if (!options.resume() || resumeFrom == null || !Files.exists(resumeFrom)) return;
    Checkpoint c = Checkpoint.read(resumeFrom);
    String wrong = c.state().problemFor(epochLimit, train.batchesPerEpoch());
    if (wrong != null) {
      throw new IOException(resumeFrom + ": cannot resume from this checkpoint: " + wrong + "; it does not belong to "
          + "this run (remove it and train afresh, or restore the right file)");
    }
    try {
      c.restore(model, optimizer, schedule);
    } catch (IllegalArgumentException e) {
      throw new IOException(resumeFrom + ": cannot resume from this checkpoint: " + e.getMessage(), e);
    }
    state = c.state();
    // Stopped early at that epoch's end: the checkpoint was written just before the stop, so stop again here.
    if (options.patience() > 0 && state.batch() == 0 && state.badEpochs() >= options.patience()) {
      stopRequest = EarlyStopping.REASON;
    }
    carry = c.carry();
    steps = state.step();
    lastCheckpoint = resumeFrom;
    TrainingEvent.Resumed resumed = new TrainingEvent.Resumed(resumeFrom.toString(), state.epoch() + 1,
        state.batch() + 1, state.step());
    for (TrainingListener l : listeners) l.onResume(context, resumed);
  }

  /** The closed-form fit, as one epoch: its training loss is the fitted model's loss on the training data. */
  private void fitClosedForm(BatchSource train, BatchSource validation) {
    batch = train.batchesPerEpoch() - 1;
    closedForm.fit(train, validation, options.seed());
    double loss = pass.evaluate(train).loss();
    if (!Double.isFinite(loss)) throw nonFinite("loss", loss, steps);
    state = state.afterBatch(train.batchesPerEpoch(), steps, loss, 1, train.recordsPerEpoch());
  }

  /** Validates, keeps score of the best, moves the state to the next epoch and tells the listeners. */
  private TrainingEvent.EpochDone endEpoch(BatchSource validation, long started) throws IOException {
    ForwardPass.Validation v = validation == null ? null : pass.evaluate(validation);
    if (v != null && !Double.isFinite(v.loss())) throw nonFinite("validation loss", v.loss(), steps);
    EpochScore score = EpochScore.of(state, v, options);
    TrainingEvent.EpochDone done = score.event(state, optimizer.learningRate(), (System.nanoTime() - started) / 1e9);
    schedule.afterEpoch(state.epoch(), score.monitored());
    state = score.next(state);
    carry = null;
    for (TrainingListener l : listeners) l.onEpochEnd(context, done);
    return done;
  }

  /** The NaN guard's exception at the batch being trained; see {@link NonFiniteLossException#at}. */
  private NonFiniteLossException nonFinite(String what, double value, long step) {
    return NonFiniteLossException.at(what, value, state, batch, step, lastCheckpoint);
  }

  /** The state to carry into the next chunk, cut from the graph: truncated BPTT stops here. Null stays null. */
  static RecurrentOutput detached(RecurrentOutput state) {
    if (state == null) return null;
    return new RecurrentOutput(null, state.hN().detach(), state.cN() == null ? null : state.cN().detach());
  }

  /** A seed for (run seed, epoch, batch), well mixed (SplitMix64's finaliser). */
  static long mix(long seed, int epoch, int batch) {
    long z = seed + 0x9E3779B97F4A7C15L * (((long) epoch << 32) + batch + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** What listeners see of this trainer. */
  private final class Context implements TrainingContext {
    @Override
    public TrainerOptions options() {
      return options;
    }

    @Override
    public TrainerState state() {
      return state;
    }

    @Override
    public Checkpoint checkpoint() {
      return Checkpoint.of(model, optimizer, schedule, carry, state);
    }

    @Override
    public void checkpointWritten(Path file, Checkpoint c) throws IOException {
      lastCheckpoint = file;
      TrainingEvent.CheckpointWritten e = new TrainingEvent.CheckpointWritten(file.getFileName().toString(),
          c.state().epoch(), c.state().batch(), c.state().step());
      for (TrainingListener l : listeners) l.onCheckpoint(this, e);
    }

    @Override
    public void requestStop(String reason) {
      boolean lastEpochDone = state.batch() == 0 && state.epoch() >= epochLimit;
      if (stopRequest == null && !lastEpochDone) stopRequest = reason;
    }
  }

  /** Builds a {@link Trainer}; listeners are called in the order added, early stopping (when set) last. */
  public static final class Builder {
    private final ForwardPass pass;
    private final Optimizer optimizer;
    private final TrainerOptions options;
    private ScheduleDriver schedule = ScheduleDriver.constant();
    private String name = "run";
    private Path checkpoints;
    private final List<TrainingListener> listeners = new ArrayList<>();

    private Builder(ForwardPass pass, Optimizer optimizer, TrainerOptions options) {
      this.pass = pass;
      this.optimizer = optimizer;
      this.options = options;
    }

    /** When the learning rate changes (default: never). */
    public Builder schedule(ScheduleDriver s) {
      this.schedule = s;
      return this;
    }

    /** The run's name, for its {@code start} event (default {@code run}). */
    public Builder name(String n) {
      this.name = n;
      return this;
    }

    /**
     * Checkpoints in {@code folder} ({@value #LAST} and {@value #BEST}, a {@link CheckpointWriter} listener added
     * here), and the resume point when {@code options.resume()}.
     */
    public Builder checkpoints(Path folder) {
      this.checkpoints = folder;
      listeners.add(new CheckpointWriter(folder, options.checkpointEveryBatches()));
      return this;
    }

    /** Progress output (a {@link ProgressListener} added here). */
    public Builder progress(Progress p) {
      listeners.add(new ProgressListener(p));
      return this;
    }

    public Builder listener(TrainingListener l) {
      listeners.add(l);
      return this;
    }

    public Trainer build() {
      return new Trainer(this);
    }
  }
}
