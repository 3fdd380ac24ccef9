/** Optimizers (SGD, Adam/AdamW) and gradient clipping, with their update rules in each class's Javadoc. */
package org.recurrent.optim;
