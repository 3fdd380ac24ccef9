/**
 * Weight files: reading and writing tensors in the safetensors format, keyed by PyTorch's state-dict names,
 * so weights move between PyTorch and this library without conversion scripts.
 */
package org.recurrent.io;
