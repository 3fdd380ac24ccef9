/**
 * Models as kinds: the {@link org.recurrent.models.Model} type every kind extends, the
 * {@link org.recurrent.models.ModelRegistry} of kinds a config names ({@code model.kind}), the built-in
 * {@code sequence} kind, and the model directory that stores any kind (config.json + safetensors weights).
 */
package org.recurrent.models;
