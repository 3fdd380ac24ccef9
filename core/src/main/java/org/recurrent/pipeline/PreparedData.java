package org.recurrent.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.recurrent.data.SequenceExample;
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
 */
public record PreparedData(List<SequenceExample> train, List<SequenceExample> validation, List<SequenceExample> test,
                           boolean tokens, int features, List<String> featureNames, List<String> classes,
                           TargetKind targetKind, int targetWidth, List<String> targetNames, Vocabulary vocabulary,
                           Scaler featureScaler, ForecastDataset forecast, int[] corpusTrain, int[] corpusValidation, int[] corpusTest,
                           List<Path> files, List<String> seriesColumns, int[] targetColumns) {

  /** K, the model's output width: classes for class targets, the vocabulary for a language model. */
  public int outputSize() {
    if (corpusTrain != null) return vocabulary.size();
    return targetKind.hasClasses() ? classes.size() : targetWidth;
  }
}
