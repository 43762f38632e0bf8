package org.wiretop.monitor.socket;

/**
 * The process holding a socket open.
 *
 * @param pid     process id
 * @param program the process name from {@code /proc/PID/comm}
 * @param user    the owner's login name, or its uid as text when it has no name
 */
public record SocketOwner(int pid, String program, String user) {
}
