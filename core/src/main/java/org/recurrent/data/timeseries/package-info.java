/**
 * Forecasting data: a CSV time series read into a {@link org.recurrent.data.timeseries.TimeSeries}, a per-column
 * {@link org.recurrent.data.timeseries.Scaler} fitted on the training rows only, sliding
 * {@link org.recurrent.data.timeseries.Windowing} into lag-window examples, and a
 * {@link org.recurrent.data.timeseries.ChronologicalSplit} that assigns each window by the row of its target so no
 * training example sees a validation or test target.
 */
package org.recurrent.data.timeseries;
