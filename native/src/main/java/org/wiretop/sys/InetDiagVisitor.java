package org.wiretop.sys;

/** Receives each socket of a sock_diag dump; the message is a view valid only during the call. */
@FunctionalInterface
public interface InetDiagVisitor {
    void visit(InetDiagMessage message);
}
