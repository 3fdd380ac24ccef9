package org.recurrent.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.ehr.EhrSummary;
import org.recurrent.models.DataSignature;
import org.recurrent.models.InputKind;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.data.TargetKind;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.data.timeseries.ForecastDataset;
import org.recurrent.data.timeseries.Scaler;

/**
 * Data ready for training: the three parts as records, what the model must know about them, and the fitted
 * preprocessing (vocabulary, scalers) that is saved with the model.
 *
 * @param train          training records (empty for a text corpus, which uses {@code corpusTrain})
 * @param validation     validation records (may be empty)
 * @param test           test records (may be empty)
 * @param tokens         inputs are token ids
 * @param features       F (1 for tokens)
 * @param featureNames   F names
 * @param classes        class labels in index order (classification, multi-label, tagging, language model: empty)
 * @param targetKind     what the records' y holds
 * @param targetWidth    K values per target
 * @param targetNames    names of regression targets
 * @param vocabulary     text formats: the vocabulary fitted on the training part
 * @param featureScaler  numeric sequences with data.feature_scaling: the scaler fitted on training steps
 * @param forecast       timeseries_csv: windows, split bounds and the series scaler
 * @param corpusTrain    text_corpus: training token ids
 * @param corpusValidation text_corpus: validation token ids
 * @param corpusTest     text_corpus: test token ids
 * @param files          input files read (for provenance hashes)
 * @param seriesColumns  timeseries_csv: the value columns of the series, in the scaler's column order
 * @param targetColumns  timeseries_csv: each forecast target's index among {@code seriesColumns}
 * @param codes          bag inputs: the code vocabulary fitted on the training part (null otherwise)
 * @param sideFeatures   S values per step of the records' side input (0: none)
 * @param ehr            ehr: what the reader read and each part's cohort (null for other formats)
 */
public record PreparedData(List<SequenceExample> train, List<SequenceExample> validation, List<SequenceExample> test,
                           boolean tokens, int features, List<String> featureNames, List<String> classes,
                           TargetKind targetKind, int targetWidth, List<String> targetNames, Vocabulary vocabulary,
                           Scaler featureScaler, ForecastDataset forecast, int[] corpusTrain, int[] corpusValidation, int[] corpusTest,
                           List<Path> files, List<String> seriesColumns, int[] targetColumns,
                           CodeVocabulary codes, int sideFeatures, EhrSummary ehr) {

  /** The three parts of a prepared data set. */
  public enum Part {
    TRAIN, VALIDATION, TEST;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One part in the shape tasks read. */
  public DataPart part(Part p) {
    List<SequenceExample> records = switch (p) {
      case TRAIN -> train;
      case VALIDATION -> validation;
      case TEST -> test;
    };
    int[] corpus = switch (p) {
      case TRAIN -> corpusTrain;
      case VALIDATION -> corpusValidation;
      case TEST -> corpusTest;
    };
    List<ForecastWindow> windows = forecast == null ? List.of() : switch (p) {
      case TRAIN -> forecast.train();
      case VALIDATION -> forecast.validation();
      case TEST -> forecast.test();
    };
    return new DataPart(p.label(), records, corpus, windows, tokens, targetKind.perStep(), targetWidth);
  }

  /** What the K outputs mean; forecasts are mapped back to the data's units. */
  public OutputLabels labels() {
    UnaryOperator<float[]> toDataUnits = forecast == null ? null : ModelData.unscaler(forecast.scaler(), targetColumns);
    return new OutputLabels(classes, targetNames, outputSize(), toDataUnits, targetColumns == null ? 0 : targetColumns.length);
  }

  /** What a model of these data reads and answers; {@code perStep} is the task's choice. */
  public DataSignature signature(boolean perStep) {
    if (codes != null) return new DataSignature(InputKind.BAGS, 1, codes.size(), -1, sideFeatures, outputSize(), perStep);
    int vocab = tokens ? vocabulary.size() : 0;
    int pad = tokens && vocabulary.padId().isPresent() ? vocabulary.padId().getAsInt() : -1;
    return new DataSignature(tokens ? InputKind.TOKENS : InputKind.DENSE, features, vocab, pad, sideFeatures,
        outputSize(), perStep);
  }

  /** K, the model's output width: classes for class targets, the vocabulary for a language model. */
  public int outputSize() {
    if (corpusTrain != null) return vocabulary.size();
    return targetKind.hasClasses() ? classes.size() : targetWidth;
  }
}
