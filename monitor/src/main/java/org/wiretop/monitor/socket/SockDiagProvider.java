package org.wiretop.monitor.socket;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.wiretop.sys.InetDiagMessage;
import org.wiretop.sys.NetlinkException;
import org.wiretop.sys.NetlinkSockDiag;

/** Reads sockets over netlink sock_diag, with tcp_info: the fast path, as ss does. */
public final class SockDiagProvider implements SocketTableProvider {
    private final NetlinkSockDiag diag;
    private final AddressCache addresses = new AddressCache();
    private boolean bothFamiliesAtOnce = true;

    private SockDiagProvider(NetlinkSockDiag diag) {
        this.diag = diag;
    }

    /** Opens the netlink socket; throws when the kernel or a sandbox refuses it. */
    public static SockDiagProvider open() throws NetlinkException {
        return new SockDiagProvider(NetlinkSockDiag.open());
    }

    @Override
    public String source() {
        return "sock_diag";
    }

    @Override
    public boolean reportsListenBacklog() {
        return true;
    }

    @Override
    public synchronized List<SocketEntry> read(SocketQuery query, boolean tcpInfo) throws NetlinkException {
        List<SocketEntry> out = new ArrayList<>(256);
        for (Proto proto : query.protos()) {
            int states = query.kernelStates(proto);
            if (states == 0) {
                continue;
            }
            if (proto == Proto.TCP && query.families().size() == 2 && bothFamiliesAtOnce) {
                int before = out.size();
                try {
                    diag.dumpTcpBothFamilies(tcpInfo, states, m -> out.add(toEntry(proto, m)));
                    continue;
                } catch (NetlinkException e) {
                    if (e.refused()) {
                        throw e;
                    }
                    // a kernel without the compat request: one dump per family from now on
                    out.subList(before, out.size()).clear();
                    bothFamiliesAtOnce = false;
                }
            }
            for (int family : query.families()) {
                int af = family == 4 ? NetlinkSockDiag.AF_INET : NetlinkSockDiag.AF_INET6;
                diag.dump(af, proto.ipProtocol(), tcpInfo, states, m -> out.add(toEntry(proto, m)));
            }
        }
        return out;
    }

    private SocketEntry toEntry(Proto proto, InetDiagMessage m) {
        boolean v4 = m.family() == NetlinkSockDiag.AF_INET;
        int family = v4 ? 4 : 6;
        InetAddress local = v4 ? addresses.ipv4(m.localIpv4()) : addresses.ipv6(m.localIpv6High(), m.localIpv6Low());
        InetAddress remote = v4 ? addresses.ipv4(m.remoteIpv4()) : addresses.ipv6(m.remoteIpv6High(), m.remoteIpv6Low());
        TcpInfo info = null;
        if (proto == Proto.TCP && m.hasTcpInfo()) {
            info = new TcpInfo(m.tcpRttMicros() / 1000.0, m.tcpRttVarMicros() / 1000.0, m.tcpSendCwnd(),
                    m.tcpTotalRetrans(), m.tcpBytesAcked(), m.tcpBytesReceived());
        }
        return new SocketEntry(proto, family, SocketState.fromKernel(proto, m.state()), m.receiveQueue(),
                m.sendQueue(), local, m.localPort(), remote, m.remotePort(), m.inode(), m.uid(), info, null);
    }

    @Override
    public synchronized void close() {
        diag.close();
    }
}
