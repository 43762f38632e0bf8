package org.wiretop.capture;

import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/** Opens a live capture through pcap4j's handle builder (pcap_create + options + pcap_activate). */
final class LiveOpener {
    static final int DLT_LINUX_SLL2 = 276;
    private LiveOpener() {
    }

    static PacketSource open(LiveOptions o) throws CaptureException {
        validate(o);
        LibPcap.ensureLoaded();
        PcapHandle handle = activate(o, PcapHandle.TimestampPrecision.NANO);
        try {
            if (o.device().equals("any")) {
                preferSll2(handle);
            }
            // After the link type: the filter is compiled for it.
            if (o.filter() != null && !o.filter().isBlank()) {
                try {
                    handle.setFilter(o.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw PcapErrors.badFilter(o.filter(), e.getMessage());
                }
            }
            return new Pcap4jSource(handle, o.device(), true);
        } catch (CaptureException | RuntimeException e) {
            handle.close();
            throw e;
        } catch (NotOpenException e) {
            handle.close();
            throw new CaptureException(o.device() + ": the capture handle closed while opening", false, e);
        }
    }

    /**
     * On "any", ask for LINUX_SLL2 as tcpdump 4.99 does: unlike SLL it names the interface
     * (its index) of each packet. Older libpcaps keep SLL; the decoder reads both.
     */
    private static void preferSll2(PcapHandle handle) {
        try {
            if (handle.listDatalinks().stream().anyMatch(d -> d.value() == DLT_LINUX_SLL2)) {
                handle.setDlt(DataLinkType.getInstance(DLT_LINUX_SLL2));
            }
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            // keep the default link type
        }
    }

    private static void validate(LiveOptions o) throws CaptureException {
        if (o.device() == null || o.device().isBlank()) {
            throw new CaptureException("no interface given: name one with -i (see 'wiretop interfaces')", true);
        }
        if (o.snaplen() <= 0) {
            throw new CaptureException("invalid snapshot length " + o.snaplen() + ": give a positive number of bytes (-s)", true);
        }
        if (o.bufferBytes() <= 0) {
            throw new CaptureException("invalid buffer size " + o.bufferBytes() + ": give a positive size (-B, in KiB)", true);
        }
        if (o.timeoutMillis() < 0) {
            throw new CaptureException("invalid read timeout " + o.timeoutMillis() + " ms", true);
        }
    }

    /** Builds and activates the handle; libpcaps without nanosecond stamps get microseconds. */
    private static PcapHandle activate(LiveOptions o, PcapHandle.TimestampPrecision precision) throws CaptureException {
        PcapHandle.Builder b = new PcapHandle.Builder(o.device())
                .snaplen(o.snaplen())
                .promiscuousMode(o.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(o.timeoutMillis())
                .bufferSize(o.bufferBytes())
                .immediateMode(o.immediate());
        if (precision != null) {
            b.timestampPrecision(precision);
        }
        try {
            return b.build();
        } catch (PcapNativeException e) {
            String m = String.valueOf(e.getMessage());
            if (precision != null && m.contains("tstamp_precision")) {
                return activate(o, null);
            }
            throw PcapErrors.openFailed(o.device(), e.getReturnCode(), m, deviceNames());
        }
    }

    /** Names libpcap can capture on, for suggestions; empty when even listing fails. */
    static List<String> deviceNames() {
        List<String> names = new ArrayList<>();
        try {
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                names.add(nif.getName());
            }
        } catch (PcapNativeException | RuntimeException e) {
            // suggestions are a courtesy
        }
        return names;
    }
}
