package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochScoreTest {
  private static final TrainerOptions LOSS = TrainerOptions.defaults(5, 1);

  /** Epoch {@code epoch} done with training loss 0.5, best so far {@code best} at epoch 0, {@code bad} bad epochs. */
  private static TrainerState ended(int epoch, double best, int bad) {
    return new TrainerState(epoch, 10, 30, best, Double.isNaN(best) ? -1 : 0, bad, 5.0, 10, 100);
  }

  private static ForwardPass.Validation validation(double loss, double accuracy) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", accuracy);
    return new ForwardPass.Validation(loss, m);
  }

  @Test
  void firstEvaluationAlwaysImprovesAndRowHoldsLossThenMetrics() {
    EpochScore s = EpochScore.of(ended(0, Double.NaN, 0), validation(0.7, 0.6), LOSS);
    assertEquals(List.of("loss", "accuracy"), List.copyOf(s.val().keySet()));
    assertEquals(0.7, s.monitored());
    assertTrue(s.improved());
    assertEquals(0, s.badEpochs());
  }

  @Test
  void withoutValidationTheTrainingLossIsMonitored() {
    EpochScore s = EpochScore.of(ended(1, 0.4, 0), null, LOSS);
    assertTrue(s.val().isEmpty());
    assertEquals(0.5, s.monitored());                     // lossSum / lossWeight
    assertFalse(s.improved());
    assertEquals(1, s.badEpochs());
  }

  @Test
  void aMetricMonitorFollowsItsDirection() {
    TrainerOptions accuracy = LOSS.withEarlyStopping(2, "accuracy", true);
    assertTrue(EpochScore.of(ended(1, 0.6, 1), validation(0.9, 0.7), accuracy).improved());
    EpochScore worse = EpochScore.of(ended(1, 0.6, 1), validation(0.1, 0.5), accuracy);
    assertFalse(worse.improved());
    assertEquals(2, worse.badEpochs());
  }

  @Test
  void nextKeepsOrReplacesTheBestAndEventNumbersFromOne() {
    TrainerState st = ended(2, 0.9, 3);
    EpochScore better = EpochScore.of(st, validation(0.3, 0.8), LOSS);
    TrainerState next = better.next(st);
    assertEquals(3, next.epoch());
    assertEquals(0, next.batch());
    assertEquals(0.3, next.bestValue());
    assertEquals(2, next.bestEpoch());
    assertEquals(0, next.badEpochs());
    TrainerState kept = EpochScore.of(st, validation(1.3, 0.8), LOSS).next(st);
    assertEquals(0.9, kept.bestValue());
    assertEquals(0, kept.bestEpoch());
    assertEquals(4, kept.badEpochs());

    TrainingEvent.EpochDone e = better.event(st, 0.01, 2.5);
    assertEquals(new TrainingEvent.EpochDone(3, 0.5, better.val(), 0.01, 2.5, true, 0), e);
  }

  @Test
  void rejectsAMonitorThatIsNotComputed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> EpochScore.of(ended(0, Double.NaN, 0), validation(0.7, 0.6), LOSS.withEarlyStopping(1, "roc_auc", true)));
    assertEquals("training.monitor 'roc_auc' is not a metric of this run; expected one of [loss, accuracy]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> EpochScore.of(ended(0, Double.NaN, 0), null, LOSS.withEarlyStopping(1, "accuracy", true)));
    assertEquals("training.monitor 'accuracy' is a validation metric, but there are no validation data "
        + "(data.validation or data.split); without them only loss can be monitored", e.getMessage());
  }

  @Test
  void anEqualValueIsNotAnImprovement() {
    EpochScore sameLoss = EpochScore.of(ended(1, 0.4, 1), validation(0.4, 0.5), LOSS);
    assertFalse(sameLoss.improved());
    assertEquals(2, sameLoss.badEpochs());
    TrainerOptions accuracy = LOSS.withEarlyStopping(2, "accuracy", true);
    assertFalse(EpochScore.of(ended(1, 0.6, 1), validation(0.9, 0.6), accuracy).improved());
  }
}
