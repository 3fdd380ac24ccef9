/**
 * Optimizers (SGD, Adam/AdamW, RMSprop, Adagrad) with their update rules in each class's Javadoc and a state dict
 * for exact resume; learning-rate schedules ({@link org.recurrent.optim.LrSchedule}) and what tells them time has passed
 * ({@link org.recurrent.optim.ScheduleDriver}); gradient clipping.
 */
package org.recurrent.optim;
