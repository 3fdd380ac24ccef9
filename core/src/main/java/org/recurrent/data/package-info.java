/**
 * Getting records off disk and into batches: readers for wide CSV, long CSV, JSON Lines, text and time series,
 * each reporting a bad record as {@code file:line: expected ..., found ...}; deterministic splits; and the
 * {@link org.recurrent.data.Batcher} that shuffles, buckets by length and pads.
 */
package org.recurrent.data;
