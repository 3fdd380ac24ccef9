package org.recurrent.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.recurrent.nn.GRU;
import org.recurrent.nn.LSTM;
import org.recurrent.nn.RNN;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentLayer;

/** The recurrent cell of a stack, as a config names it ({@code cell: gru}); each builds its layer. */
public enum Cell {
  /** {@code torch.nn.LSTM}. */
  LSTM,
  /** {@code torch.nn.GRU} (reset gate applied after the recurrent matmul). */
  GRU,
  /** GRU with the reset gate before the recurrent matmul (Keras {@code reset_after=False}, Cho et al. 2014). */
  GRU_RESET_BEFORE,
  /** {@code torch.nn.RNN(nonlinearity='tanh')}. */
  RNN_TANH,
  /** {@code torch.nn.RNN(nonlinearity='relu')}. */
  RNN_RELU,
  /** ReLU RNN with identity recurrent weights and zero biases (Le et al. 2015). */
  IRNN;

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Cell parse(String text) {
    if (text == null || text.isBlank()) return LSTM;
    for (Cell c : values()) if (c.configName().equals(text.trim().toLowerCase(Locale.ROOT))) return c;
    throw new IllegalArgumentException("unknown model.cell '" + text + "'; expected one of " + names());
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Cell::configName).toList();
  }

  /** G, the gate blocks of its weight matrices: 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n), 1 (RNN). */
  public int gates() {
    return switch (this) {
      case LSTM -> 4;
      case GRU, GRU_RESET_BEFORE -> 3;
      case RNN_TANH, RNN_RELU, IRNN -> 1;
    };
  }

  /** A fresh layer of this cell. */
  public RecurrentLayer build(RecurrentConfig config, Random rng) {
    return switch (this) {
      case LSTM -> new LSTM(config, rng);
      case GRU -> new GRU(config, org.recurrent.nn.GRU.Reset.AFTER_MATMUL, rng);
      case GRU_RESET_BEFORE -> new GRU(config, org.recurrent.nn.GRU.Reset.BEFORE_MATMUL, rng);
      case RNN_TANH -> new RNN(config, RNN.Nonlinearity.TANH, rng);
      case RNN_RELU -> new RNN(config, RNN.Nonlinearity.RELU, rng);
      case IRNN -> RNN.irnn(config, rng);
    };
  }
}
