/** Small complete models built from the layers, used by the demo and examples (character-level language model). */
package org.recurrent.models;
