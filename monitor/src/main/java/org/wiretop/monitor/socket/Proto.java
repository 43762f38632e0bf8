package org.wiretop.monitor.socket;

/** The transport protocol of a socket, with the lower-case name netstat, ss and our JSON print. */
public enum Proto {
    TCP("tcp", 6),
    UDP("udp", 17);

    private final String label;
    private final int ipProtocol;

    Proto(String label, int ipProtocol) {
        this.label = label;
        this.ipProtocol = ipProtocol;
    }

    /** {@code tcp} or {@code udp}. */
    public String label() {
        return label;
    }

    /** The IP protocol number (6 or 17), as a decoder reports it. */
    public int ipProtocol() {
        return ipProtocol;
    }

    /** The protocol for an IP protocol number, or null when it is neither TCP nor UDP. */
    public static Proto ofIpProtocol(int number) {
        return number == 6 ? TCP : number == 17 ? UDP : null;
    }
}
