package org.wiretop.stats;

/** Dotted-quad text of an IPv4 address held in an int, for the printed tables. */
final class Ipv4Text {
    private Ipv4Text() {
    }

    static String of(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }
}
