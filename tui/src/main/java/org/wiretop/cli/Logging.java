package org.wiretop.cli;

/**
 * pcap4j logs through SLF4J; its messages must never reach the terminal UI, so the simple
 * binding is silenced unless {@code --debug} asks for it. Must run before any logger is made.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean debug) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
