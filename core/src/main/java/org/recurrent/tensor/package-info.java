/** The dense float32 tensor every other package works on. */
package org.recurrent.tensor;
