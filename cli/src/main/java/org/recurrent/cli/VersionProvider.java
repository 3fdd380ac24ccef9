package org.recurrent.cli;

import org.recurrent.kernel.KernelProvider;
import picocli.CommandLine;

/** Version, JDK and the kernels chosen at start-up. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = RecurrentCommand.class.getPackage().getImplementationVersion();
    return new String[] {
        "recurrent " + (v == null ? "dev" : v),
        "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        "kernels: " + KernelProvider.get().name()
    };
  }
}
