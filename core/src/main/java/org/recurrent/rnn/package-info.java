/** Recurrent layers as fused sequence ops with hand-derived back-propagation through time, including variable-length batches. */
package org.recurrent.rnn;
