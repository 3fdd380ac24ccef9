/**
 * Getting records off disk and into batches: readers for wide CSV, long CSV, JSON Lines, text and time series,
 * each reporting a bad record as {@code file:line: expected ..., found ...}; deterministic splits; and the
 * {@link org.recurrent.data.Batcher} that shuffles, buckets by length and pads.
 *
 * <p>A record's inputs are typed ({@link org.recurrent.data.StepInput}: dense values, integer token ids, or bags of
 * code ids per step, as an EHR visit) and named (the primary input and side inputs); a batch holds the padded
 * {@link org.recurrent.data.BatchInput} of each. Codes of bag inputs get ids from a
 * {@link org.recurrent.data.CodeVocabulary} fitted on training records.
 *
 * <p>Every reader opens files with {@link org.recurrent.data.DataFiles#open} (UTF-8, {@code .gz}, byte-order mark)
 * and returns a {@link org.recurrent.data.SequenceDataset} of {@link org.recurrent.data.SequenceExample}s:
 * {@link org.recurrent.data.WideCsvReader} (a sequence per row, streaming), {@link org.recurrent.data.LongCsvReader}
 * (a step per row, grouped by id and sorted by time) and {@link org.recurrent.data.JsonlReader} (a JSON object per
 * line), each configured by an options record that reads from YAML with defaults for missing fields. Class labels go
 * through a {@link org.recurrent.data.LabelEncoder} fitted on training data and fixed for evaluation data;
 * {@link org.recurrent.data.Splits} makes train / validation / test {@link org.recurrent.data.Split}s. The
 * {@code text} and {@code timeseries} subpackages read through the same {@link org.recurrent.data.CsvReader} and
 * {@link org.recurrent.data.NumberedLines}, and save their side files with {@link org.recurrent.data.VersionedJson}.
 */
package org.recurrent.data;
