/** Reverse-mode automatic differentiation over coarse ops: ops record a backward step, {@code backward()} runs them in reverse topological order. */
package org.recurrent.autograd;
