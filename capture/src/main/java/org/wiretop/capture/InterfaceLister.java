package org.wiretop.capture;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.wiretop.capture.format.Addresses;

/** Lists capture devices like {@code tcpdump -D}, with addresses and (when permitted) link type. */
final class InterfaceLister {
    private InterfaceLister() {
    }

    static List<InterfaceInfo> list() throws CaptureException {
        LibPcap.ensureLoaded();
        List<PcapNetworkInterface> devs;
        try {
            devs = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw new CaptureException("cannot list interfaces: " + PcapErrors.clean(e.getMessage()), false, e);
        }
        List<InterfaceInfo> out = new ArrayList<>();
        int index = 1;
        for (PcapNetworkInterface nif : devs) {
            out.add(new InterfaceInfo(index++, nif.getName(), nif.getDescription() == null ? "" : nif.getDescription(),
                    flags(nif), addresses(nif), linkType(nif.getName())));
        }
        return List.copyOf(out);
    }

    private static List<String> flags(PcapNetworkInterface nif) {
        List<String> flags = new ArrayList<>();
        if (nif.isUp()) {
            flags.add("Up");
        }
        if (nif.isRunning()) {
            flags.add("Running");
        }
        if (nif.isLoopBack()) {
            flags.add("Loopback");
        }
        return flags;
    }

    private static List<String> addresses(PcapNetworkInterface nif) {
        List<String> out = new ArrayList<>();
        for (PcapAddress a : nif.getAddresses()) {
            InetAddress addr = a.getAddress();
            if (addr == null) {
                continue;
            }
            // RFC 5952 text ("fd00::2"): the JDK writes every group ("fd00:0:0:0:0:0:0:2")
            String text = addr instanceof Inet6Address ? Addresses.ipv6(addr.getAddress()) : addr.getHostAddress();
            int prefix = prefixLength(a.getNetmask());
            out.add(prefix >= 0 ? text + "/" + prefix : text);
        }
        return out;
    }

    private static int prefixLength(InetAddress netmask) {
        if (!(netmask instanceof Inet4Address) && !(netmask instanceof Inet6Address)) {
            return -1;
        }
        int bits = 0;
        for (byte b : netmask.getAddress()) {
            bits += Integer.bitCount(b & 0xff);
        }
        return bits;
    }

    /** The link type, which libpcap reveals only on an activated handle (needs capture rights). */
    private static String linkType(String device) {
        try {
            PcapHandle h = new PcapHandle.Builder(device).snaplen(128).timeoutMillis(1).bufferSize(1 << 16).build();
            try {
                int dlt = h.getDlt().value();
                String name = Pcaps.dataLinkValToName(dlt);
                return name == null ? "DLT " + dlt : name;
            } finally {
                h.close();
            }
        } catch (Exception e) {
            return "";
        }
    }
}
