package org.recurrent.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.eval.Scoring;
import org.recurrent.models.Model;
import org.recurrent.train.EventLog;
import org.recurrent.train.TrainingContext;
import org.recurrent.train.TrainingEvent;
import org.recurrent.train.TrainingListener;

/**
 * A language model's own text after each epoch, as a {@code sample} line of {@code events.jsonl}
 * ({@code docs/events.md}), so that a person watching the run (the dashboard) sees what it has learned, not only its
 * loss. The prompt is the first {@link #PROMPT_TOKENS} tokens of the training text; the continuation is
 * {@link #TOKENS} tokens drawn at {@link #TEMPERATURE} by {@link Scoring#sample} (no gradients, the model in eval mode
 * and back). Its random draws come from a generator of their own, made afresh each epoch from the run's seed and the
 * epoch, so training draws nothing less or more, and a resumed run writes the same samples.
 */
final class EpochSamples implements TrainingListener {
  static final String EVENT = "sample";
  static final int PROMPT_TOKENS = 16, TOKENS = 160;
  static final double TEMPERATURE = 0.8;

  private final Model model;
  private final Vocabulary vocabulary;
  private final int[] prompt;
  private final long seed;
  private final EventLog events;

  EpochSamples(Model model, Vocabulary vocabulary, int[] trainingText, long seed, EventLog events) {
    if (trainingText.length == 0) throw new IllegalArgumentException("sampling needs training text");
    this.model = model;
    this.vocabulary = vocabulary;
    this.prompt = Arrays.copyOf(trainingText, Math.min(PROMPT_TOKENS, trainingText.length));
    this.seed = seed;
    this.events = events;
  }

  @Override
  public void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone e) {
    Random rng = new Random(seed * 1_000_003L + e.epoch());
    int[] next = Scoring.sample(model, vocabulary, prompt, TOKENS, TEMPERATURE, rng);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("epoch", e.epoch());
    fields.put("prompt", vocabulary.decode(prompt));
    fields.put("text", vocabulary.decode(next));
    fields.put("temperature", TEMPERATURE);
    events.log(EVENT, fields);
  }
}
