/**
 * What a model is trained to do: each task fixes the loss, the metrics, the baselines it is compared with and
 * how its outputs are read.
 */
package org.recurrent.tasks;
