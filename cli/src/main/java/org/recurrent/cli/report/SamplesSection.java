package org.recurrent.cli.report;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.recurrent.eval.Scoring;
import org.recurrent.run.RecordedPredictions;

/**
 * A language model's own text: {@value #PROMPTS} prompts of {@value #PROMPT_TOKENS} tokens taken at even places
 * in the held-out text, each continued by {@value #GENERATED} sampled tokens (temperature 1, the distribution the
 * model learnt, seeded by the run's seed so the report repeats), beside the text that really followed.
 */
final class SamplesSection implements ReportSection {
  static final int PROMPTS = 3, PROMPT_TOKENS = 40, GENERATED = 200;

  @Override
  public String title() {
    return "Sample generations";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return run.available().filter(a -> a.data().corpus() != null && a.vocabulary() != null
        && a.data().corpus().length > PROMPT_TOKENS).isPresent();
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) {
    RecordedPredictions.Available a = run.available().orElseThrow();
    int[] corpus = a.data().corpus();
    long seed = run.provenance() != null ? run.provenance().seed() : 0;
    Random rng = new Random(seed);
    page.text(PROMPTS + " prompts from the " + a.part() + " part (" + corpus.length + " tokens), each continued by "
        + GENERATED + " tokens sampled at temperature 1 (seed " + seed + ").");
    for (int j = 0; j < PROMPTS; j++) {
      int at = (int) ((long) (corpus.length - PROMPT_TOKENS) * j / PROMPTS);
      int[] prompt = Arrays.copyOfRange(corpus, at, at + PROMPT_TOKENS);
      int[] generated = Scoring.sample(run.loaded().model(), a.vocabulary(), prompt, GENERATED, 1.0, rng);
      int[] actual = Arrays.copyOfRange(corpus, at + PROMPT_TOKENS, Math.min(corpus.length, at + PROMPT_TOKENS + GENERATED));
      page.html("<h3>Sample " + (j + 1) + "</h3>");
      page.html("<p>Prompt (tokens " + at + " to " + (at + PROMPT_TOKENS - 1) + "):</p>");
      page.pre(a.vocabulary().decode(prompt));
      page.html("<p>The model's continuation:</p>");
      page.html("<pre class=\"sample\" id=\"sample" + (j + 1) + "\">" + ReportPage.escape(a.vocabulary().decode(generated))
          + "</pre>");
      page.html("<p>What followed in the data:</p>");
      page.pre(a.vocabulary().decode(actual));
    }
  }
}
