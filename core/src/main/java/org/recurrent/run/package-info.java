/**
 * A training run end to end ({@code recurrent train CONFIG}): config and data in, the trainer run, the model
 * directory out, with its events file, metrics and provenance.
 */
package org.recurrent.run;
