/**
 * A training run end to end ({@code recurrent train CONFIG}): config and data in, the trainer run, the model
 * directory out, with its events file, metrics ({@link org.recurrent.run.RunMetrics}) and provenance
 * ({@link org.recurrent.run.Provenance}).
 */
package org.recurrent.run;
