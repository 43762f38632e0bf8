package org.wiretop.monitor.socket;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads sockets from {@code /proc/net/{tcp,tcp6,udp,udp6}}, the fallback where netlink is
 * refused. A line looks like
 * <pre>
 *   sl  local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
 *    0: 0100007F:3039 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0     0     12345 ...
 * </pre>
 * Addresses are 32-bit words printed in host order (so 127.0.0.1 is {@code 0100007F} on x86),
 * ports and states are hex numbers. /proc knows no tcp_info, and a LISTEN socket's send queue
 * is 0 there (netstat prints that; ss prints the backlog, which only sock_diag gives).
 */
public final class ProcNetProvider implements SocketTableProvider {
    private final Path netDir;

    /** Reads the current network namespace's tables. */
    public ProcNetProvider() {
        this(Path.of("/proc/net"));
    }

    /** Reads tables from another directory with the same layout (another namespace's /proc/PID/net). */
    public ProcNetProvider(Path netDir) {
        this.netDir = netDir;
    }

    @Override
    public String source() {
        return "/proc/net";
    }

    @Override
    public boolean reportsListenBacklog() {
        return false;
    }

    @Override
    public List<SocketEntry> read(SocketQuery query, boolean tcpInfo) throws IOException {
        List<SocketEntry> out = new ArrayList<>(256);
        for (Proto proto : query.protos()) {
            for (int family : query.families()) {
                readFile(netDir.resolve(proto.label() + (family == 6 ? "6" : "")), proto, family, query, out);
            }
        }
        return out;
    }

    private static void readFile(Path file, Proto proto, int family, SocketQuery query, List<SocketEntry> out)
            throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            in.readLine(); // header
            String line;
            while ((line = in.readLine()) != null) {
                SocketEntry e = parseLine(line, proto, family);
                if (e != null && query.matchesState(e.state())) {
                    out.add(e);
                }
            }
        } catch (NoSuchFileException e) {
            // no IPv6 in this kernel (or namespace): no such sockets
        }
    }

    /** Parses one table line; null when it does not have the expected shape. */
    static SocketEntry parseLine(String line, Proto proto, int family) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10) {
            return null;
        }
        try {
            int addrHex = family == 6 ? 32 : 8;
            int localColon = f[1].indexOf(':');
            int remoteColon = f[2].indexOf(':');
            int queueColon = f[4].indexOf(':');
            if (localColon != addrHex || remoteColon != addrHex || queueColon < 0) {
                return null;
            }
            InetAddress local = address(f[1], addrHex);
            int localPort = Integer.parseInt(f[1], localColon + 1, f[1].length(), 16);
            InetAddress remote = address(f[2], addrHex);
            int remotePort = Integer.parseInt(f[2], remoteColon + 1, f[2].length(), 16);
            int state = Integer.parseInt(f[3], 16);
            long sendQ = Long.parseLong(f[4], 0, queueColon, 16);
            long recvQ = Long.parseLong(f[4], queueColon + 1, f[4].length(), 16);
            int uid = Integer.parseInt(f[7]);
            long inode = Long.parseLong(f[9]);
            return new SocketEntry(proto, family, SocketState.fromKernel(proto, state), recvQ, sendQ,
                    local, localPort, remote, remotePort, inode, uid, null, null);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Decodes 8 or 32 hex digits: each group of 8 is a 32-bit word in host byte order. */
    private static InetAddress address(String field, int hexDigits) {
        byte[] bytes = new byte[hexDigits / 2];
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int word = 0; word < hexDigits / 8; word++) {
            int v = (int) Long.parseLong(field, word * 8, word * 8 + 8, 16);
            if (little) {
                v = Integer.reverseBytes(v);
            }
            bytes[word * 4] = (byte) (v >>> 24);
            bytes[word * 4 + 1] = (byte) (v >>> 16);
            bytes[word * 4 + 2] = (byte) (v >>> 8);
            bytes[word * 4 + 3] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        // nothing held open between reads
    }
}
