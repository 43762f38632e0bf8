package org.wiretop.monitor.socket;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One socket as the kernel reports it (one line of {@code ss -tuanp}).
 *
 * <p>Addresses are {@link InetAddress}es: an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}
 * on a family-6 socket) is an {@link java.net.Inet4Address}, which is what lets a socket of a
 * dual-stack server match IPv4 packets; {@link #localText()} still prints it as ss does.
 *
 * @param proto      tcp or udp
 * @param family     4 or 6 (the socket's address family, not the address's)
 * @param state      netstat's state name
 * @param recvQ      bytes not yet read; for LISTEN, connections waiting to be accepted
 * @param sendQ      bytes not yet acknowledged; for LISTEN, the backlog where the source knows it
 * @param localAddr  local address (the wildcard when unbound)
 * @param localPort  local port
 * @param remoteAddr remote address (the wildcard when unconnected)
 * @param remotePort remote port (0 when unconnected)
 * @param inode      the socket's inode, the key to its owning process (0 for TIME_WAIT and the like)
 * @param uid        the uid that created the socket
 * @param tcpInfo    the kernel's tcp_info, or null (UDP, or a source that lacks it)
 * @param owner      the owning process, or null when unknown or not readable
 */
public record SocketEntry(Proto proto, int family, SocketState state, long recvQ, long sendQ,
                          InetAddress localAddr, int localPort, InetAddress remoteAddr, int remotePort,
                          long inode, int uid, TcpInfo tcpInfo, SocketOwner owner) {

    /** The tcp_info when the source gave it. */
    public Optional<TcpInfo> tcp() {
        return Optional.ofNullable(tcpInfo);
    }

    /** The owning process when known. */
    public Optional<SocketOwner> process() {
        return Optional.ofNullable(owner);
    }

    /** A copy with the given owner. */
    public SocketEntry withOwner(SocketOwner newOwner) {
        return new SocketEntry(proto, family, state, recvQ, sendQ, localAddr, localPort, remoteAddr, remotePort,
                inode, uid, tcpInfo, newOwner);
    }

    /** The local address as ss and netstat print it ({@code ::1}, {@code ::ffff:127.0.0.1}, never bracketed). */
    public String localText() {
        return AddressText.of(localAddr, family);
    }

    /** The remote address as text, see {@link #localText()}. */
    public String remoteText() {
        return AddressText.of(remoteAddr, family);
    }
}
