package org.wiretop.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.LibPcap;

/**
 * A capture (BPF) filter in tcpdump syntax applied to packets read from a file, as
 * {@code tcpdump -r FILE expr} does: compiled by libpcap for the file's link type and run by
 * libpcap's {@code bpf_filter} on each packet. Live captures filter in the kernel instead.
 */
final class OfflineBpf implements AutoCloseable {
    private final BpfProgram program;

    private OfflineBpf(BpfProgram program) {
        this.program = program;
    }

    /** Compiles {@code expression}; a syntax error is a usage error with libpcap's words. */
    static OfflineBpf compile(String expression, int linkType, int snaplen) throws CaptureException {
        LibPcap.ensureLoaded();
        try {
            Inet4Address unknownNetmask = (Inet4Address) InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
            // A dead handle, not Pcaps.compileFilter: only a handle carries libpcap's own error
            // text ("syntax error"), which is what tells the user what to fix.
            try (PcapHandle dead = Pcaps.openDead(DataLinkType.getInstance(linkType), snaplen > 0 ? snaplen : 262144)) {
                return new OfflineBpf(dead.compileFilter(expression, BpfProgram.BpfCompileMode.OPTIMIZE, unknownNetmask));
            }
        } catch (PcapNativeException e) {
            throw new CaptureException("bad capture filter '" + expression + "': " + clean(e.getMessage())
                    + " (tcpdump syntax, see 'man pcap-filter')", true, e);
        } catch (org.pcap4j.core.NotOpenException | UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean matches(byte[] data, int capturedLength, int wireLength) {
        return program.applyFilter(data, wireLength, capturedLength);
    }

    @Override
    public void close() {
        program.free();
    }

    private static String clean(String m) {
        if (m == null || m.isBlank()) {
            return "unknown libpcap error";
        }
        String s = m.strip();
        for (String prefix : new String[] {"Error occurred in pcap_compile: ", "Error occurred: "}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        return s.replace('\n', ' ').strip();
    }
}
