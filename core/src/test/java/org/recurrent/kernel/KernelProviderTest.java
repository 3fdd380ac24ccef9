package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The build runs tests with {@code --add-modules jdk.incubator.vector}, so the automatic choice is vector. */
class KernelProviderTest {

  @Test
  void choosesVectorKernelsWhenTheModuleIsPresent() {
    assertInstanceOf(VectorKernels.class, KernelProvider.get());
    String description = KernelProvider.description();
    assertTrue(description.startsWith("vector (" + VectorKernels.vectorBits() + "-bit, " + VectorKernels.lanes()
        + " lanes, "), description);
    assertTrue(description.endsWith("jdk.incubator.vector available"), description);
  }

  @Test
  void propertyForcesScalarKernels() {
    KernelProvider.Choice choice = KernelProvider.choose("scalar", 2);
    assertInstanceOf(ScalarKernels.class, choice.kernels());
    assertEquals("scalar: forced by -Drecurrent.kernels=scalar", choice.description());
  }

  @Test
  void rejectsUnknownKernelsProperty() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelProvider.choose("gpu", 2));
    assertEquals("recurrent.kernels must be 'vector' or 'scalar', got 'gpu'", e.getMessage());
  }
}
