package org.wiretop.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** HOST PORT arguments of the clients, checked with one-line errors. */
final class Hosts {
    private Hosts() {
    }

    static InetSocketAddress resolve(String host, int port) {
        if (port < 1 || port > 65535) {
            throw UserError.usage("port " + port + " is out of range (1-65535)");
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return new InetSocketAddress(InetAddress.getByName(h), port);
        } catch (UnknownHostException e) {
            throw UserError.usage("unknown host '" + host + "' (give an address such as 127.0.0.1 or ::1)");
        }
    }

    static java.time.Duration seconds(double seconds, String option) {
        if (!(seconds > 0) || seconds > 86_400) {
            throw UserError.usage(option + " must be between 0 and 86400 seconds");
        }
        return java.time.Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }
}
