package org.recurrent.tasks;

import java.util.List;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.timeseries.ForecastWindow;

/**
 * One part of a data set (train, validation, test, or a file given to a trained model) in the shape tasks read.
 *
 * @param name           {@code train}, {@code validation}, {@code test} or the file's name
 * @param records        the records (empty for a text corpus)
 * @param corpus         a text corpus's token ids, or null
 * @param windows        forecast windows (with their last observed values, in data units), or empty
 * @param tokens         inputs are token ids
 * @param perStepTargets each record has one target per step
 * @param targetWidth    K values per target; 0 for unlabelled records
 */
public record DataPart(String name, List<SequenceExample> records, int[] corpus, List<ForecastWindow> windows,
                       boolean tokens, boolean perStepTargets, int targetWidth) {
  public DataPart {
    records = List.copyOf(records);
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  public boolean isEmpty() {
    return corpus == null ? records.isEmpty() : corpus.length < 2;
  }

  /** Records, or corpus tokens, in the part. */
  public int size() {
    return corpus == null ? records.size() : corpus.length;
  }
}
