package org.recurrent.data.ehr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.recurrent.data.CodeIndex;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;

/**
 * Patient histories as model inputs: one step per visit, the visit's codes as a bag (typed {@code type:code}, so a
 * diagnosis and a medication with the same code stay apart) and {@value #SIDE_FEATURES} numbers beside it:
 * <pre>{@code
 * side[t] = ( log(1 + days since visit t-1) / log(1 + 365),   0 at the first visit
 *             age at visit t in years / 100 )
 * }</pre>
 * Fixed transforms, not fitted, so they carry nothing from one data part to another and need no saved state: a
 * gap of a year is 1.0, of a day 0.12, and ages land in [0, 1.2].
 */
public final class VisitSequences {
  public static final int SIDE_FEATURES = 2;
  public static final List<String> SIDE_NAMES = List.of("log_days_since_previous_visit", "age_years_div_100");
  private static final double LOG_YEAR = Math.log1p(365);

  private VisitSequences() {}

  /** A record of {@code history}'s visits (there must be at least one) with target {@code y}. */
  public static SequenceExample example(PatientHistory history, Set<String> types, CodeIndex index, float[] y,
                                        String source) {
    List<Visit> visits = history.visits();
    if (visits.isEmpty()) throw new IllegalArgumentException(source + ": patient " + history.id() + " has no visits");
    List<Integer> ids = new ArrayList<>();
    int[] offsets = new int[visits.size()];
    float[] side = new float[visits.size() * SIDE_FEATURES];
    for (int t = 0; t < visits.size(); t++) {
      Visit v = visits.get(t);
      offsets[t] = ids.size();
      for (String c : v.typedCodes(types)) ids.add(index.id(c));
      double days = t == 0 ? 0 : Duration.between(visits.get(t - 1).start(), v.start()).toMinutes() / 1440.0;
      side[t * SIDE_FEATURES] = (float) (Math.log1p(Math.max(0, days)) / LOG_YEAR);
      double age = history.patient().ageAt(v.start().toLocalDate());
      side[t * SIDE_FEATURES + 1] = Double.isNaN(age) ? 0f : (float) (age / 100);
    }
    StepInput.Bags bags = new StepInput.Bags(ids.stream().mapToInt(Integer::intValue).toArray(), offsets, null);
    return new SequenceExample(history.id(), visits.size(), java.util.Map.of(SequenceExample.PRIMARY, bags,
        SequenceExample.SIDE, new StepInput.Dense(SIDE_FEATURES, side)), y, source);
  }
}
