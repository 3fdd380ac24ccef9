package org.recurrent.train;

import java.util.Map;
import org.recurrent.tensor.Tensor;

/**
 * What {@link TrainingListener#afterBackward} sees: the gradients of one optimizer step, computed and not yet
 * clipped or applied. They are in the parameters' gradient buffers ({@link Tensor#gradData()}), which a listener may
 * change in place: scale them, or sum them across workers for data-parallel training.
 *
 * @param epoch      from 1
 * @param batch      from 1
 * @param step       the optimizer step these gradients are for (from 1)
 * @param loss       the chunk's loss
 * @param parameters the model's parameters by state-dict name, gradients in {@code gradData()}
 */
public record StepGradients(int epoch, int batch, long step, double loss, Map<String, Tensor> parameters) {}
