package org.wiretop.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.wiretop.capture.InterfaceInfo;
import org.wiretop.capture.Sources;
import picocli.CommandLine.Command;

/**
 * {@code wiretop interfaces}: the capture devices as {@code tcpdump -D} numbers and flags them
 * ({@code 1.eth0 [Up, Running]}), followed by the link type and the addresses of each.
 */
@Command(name = "interfaces", mixinStandardHelpOptions = true,
        description = "List the interfaces wiretop can capture on (like tcpdump -D), with link type and addresses.")
public final class InterfacesCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        StringBuilder b = new StringBuilder();
        for (InterfaceInfo i : Sources.interfaces()) {
            b.setLength(0);
            b.append(i.index()).append('.').append(i.name());
            if (!i.description().isEmpty()) {
                b.append(" (").append(i.description()).append(')');
            }
            if (!i.flags().isEmpty()) {
                b.append(" [").append(String.join(", ", i.flags())).append(']');
            }
            if (!i.linkType().isEmpty()) {
                b.append("  link-type ").append(i.linkType());
            }
            if (!i.addresses().isEmpty()) {
                b.append("  ").append(String.join(" ", i.addresses()));
            }
            out.println(b);
        }
        out.flush();
        return 0;
    }
}
