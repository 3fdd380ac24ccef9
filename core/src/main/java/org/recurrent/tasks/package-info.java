/**
 * What a model is trained to do: one class per task ({@link org.recurrent.tasks.Task}), each owning the targets it
 * accepts, its loss, read-out, metrics, the baselines it is compared with (fitted on the training part only) and
 * its prediction columns, found by name in the {@link org.recurrent.tasks.TaskRegistry}; and the
 * {@link org.recurrent.tasks.DataPart} and {@link org.recurrent.tasks.Predictions} they read.
 */
package org.recurrent.tasks;
