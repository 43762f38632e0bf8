package org.wiretop.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints wiretop's version (from the jar manifest) and the Java it runs on. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {
                "wiretop " + (v == null ? "0.1.0" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
