/**
 * From the files a config names to data a model can read: the format's reader, the split into train /
 * validation / test, and preprocessing fitted on the training part only ({@link org.recurrent.pipeline.DataPreparation});
 * and the same reading for new files given to a trained model ({@link org.recurrent.pipeline.ModelData}).
 */
package org.recurrent.pipeline;
