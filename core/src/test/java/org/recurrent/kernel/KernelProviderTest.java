package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The build runs tests with {@code --add-modules jdk.incubator.vector}, so the automatic choice is vector; the
 * numerical tests run a second time with {@code -Drecurrent.kernels=scalar} (core/pom.xml, execution
 * {@code scalar-kernels}), where this class checks that the property was obeyed.
 */
class KernelProviderTest {

  @Test
  void kernelsInUseAreTheOnesThePropertyAsksFor() {
    String forced = System.getProperty("recurrent.kernels", "");
    Kernels kernels = KernelProvider.get();
    String description = KernelProvider.description();
    System.out.println("kernels in use: " + description);
    switch (forced) {
      case "scalar" -> {
        assertInstanceOf(ScalarKernels.class, kernels, description);
        assertEquals("scalar", kernels.name());
        assertEquals("scalar: forced by -Drecurrent.kernels=scalar", description);
      }
      case "vector", "" -> {
        assertInstanceOf(VectorKernels.class, kernels, description);
        assertTrue(kernels.name().startsWith("vector("), kernels.name());
        assertTrue(description.startsWith("vector (" + VectorKernels.vectorBits() + "-bit, " + VectorKernels.lanes()
            + " lanes, "), description);
        assertTrue(description.endsWith(forced.isEmpty() ? "jdk.incubator.vector available"
            : "forced by -Drecurrent.kernels=vector"), description);
      }
      default -> fail("unexpected -Drecurrent.kernels=" + forced + "; KernelProvider should have refused it");
    }
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
