package org.wiretop.monitor.socket;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.wiretop.sys.InetDiagMessage;
import org.wiretop.sys.NetlinkException;
import org.wiretop.sys.NetlinkSockDiag;

/** Reads sockets over netlink sock_diag, with tcp_info: the fast path, as ss does. */
public final class SockDiagProvider implements SocketTableProvider {
    private final NetlinkSockDiag diag;
    private final byte[] addr4 = new byte[4];
    private final byte[] addr16 = new byte[16];

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
    public synchronized List<SocketEntry> read(Set<Proto> protos, Set<Integer> families) throws NetlinkException {
        List<SocketEntry> out = new ArrayList<>(256);
        for (Proto proto : protos) {
            for (int family : families) {
                int af = family == 4 ? NetlinkSockDiag.AF_INET : NetlinkSockDiag.AF_INET6;
                diag.dump(af, proto.ipProtocol(), m -> out.add(toEntry(proto, family, m)));
            }
        }
        return out;
    }

    private SocketEntry toEntry(Proto proto, int family, InetDiagMessage m) {
        byte[] scratch = m.addressLength() == 4 ? addr4 : addr16;
        m.localAddress(scratch);
        InetAddress local = address(scratch);
        m.remoteAddress(scratch);
        InetAddress remote = address(scratch);
        TcpInfo info = null;
        if (proto == Proto.TCP && m.hasTcpInfo()) {
            info = new TcpInfo(m.tcpRttMicros() / 1000.0, m.tcpRttVarMicros() / 1000.0, m.tcpSendCwnd(),
                    m.tcpTotalRetrans(), m.tcpBytesAcked(), m.tcpBytesReceived());
        }
        return new SocketEntry(proto, family, SocketState.fromKernel(proto, m.state()), m.receiveQueue(),
                m.sendQueue(), local, m.localPort(), remote, m.remotePort(), m.inode(), m.uid(), info, null);
    }

    /** InetAddress.getByAddress copies the bytes, so the scratch array can be reused. */
    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // only thrown for lengths other than 4 and 16
        }
    }

    @Override
    public synchronized void close() {
        diag.close();
    }
}
