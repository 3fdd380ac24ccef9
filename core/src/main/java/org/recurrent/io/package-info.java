/**
 * Files on disk: reading and writing tensors in the safetensors format, keyed by PyTorch's state-dict names, so
 * weights move between PyTorch and this library without conversion scripts; and {@link org.recurrent.io.AtomicFiles}
 * for the small text files written beside them, replaced atomically; {@link org.recurrent.io.JsonSafe}, the one
 * policy for non-finite numbers in the JSON files written for people and tools; {@link org.recurrent.io.MemoryBudget},
 * the check of what sizes read from files and flags would allocate against the heap, before allocating.
 */
package org.recurrent.io;
