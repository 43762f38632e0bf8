package org.wiretop.capture.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketSummary;

/**
 * The application layer's names, from every dissector of the table: a field name may be reported
 * by several dissectors (QUIC reports TLS's {@code tls.handshake.*} for the handshake its Initial
 * carries), and a protocol is present on its own dissector's packets and on those of another that
 * carry its fields ({@code tls} is true on such a QUIC packet, as in Wireshark).
 */
final class AppNames {
    private AppNames() {
    }

    /** One field name as each dissector that reports it defines it. */
    static final class FieldSet {
        final String name;
        private final AppField[] fields;

        FieldSet(String name, List<AppField> fields) {
            this.name = name;
            this.fields = fields.toArray(new AppField[0]);
        }

        /** The definition for {@code d}'s protocol, or null when {@code d} (or none) does not report it. */
        AppField of(AppDissector d) {
            if (d != null) {
                for (AppField f : fields) {
                    if (f.of(d)) {
                        return f;
                    }
                }
            }
            return null;
        }

        /** Occurrences in {@code d}'s packet. */
        int count(AppDissector d) {
            AppField f = of(d);
            return f == null ? 0 : f.count(d);
        }

        AppField first() {
            return fields[0];
        }
    }

    /** A protocol name: its owner's messages that are this protocol, or another's that carry its fields. */
    static final class Protocol {
        final String name;
        private final Class<? extends AppDissector> owner;
        private final AppField[] carried;

        Protocol(String name, Class<? extends AppDissector> owner, List<AppField> carried) {
            this.name = name;
            this.owner = owner;
            this.carried = carried.toArray(new AppField[0]);
        }

        /** True when the packet's (non-empty) application payload is, or carries, this protocol. */
        boolean present(PacketSummary s) {
            AppDissector d = s.app;
            if (d == null || d.length() == 0) {
                return false;
            }
            if (d.getClass() == owner) {
                return name.equals(d.protocol());
            }
            for (AppField f : carried) {
                if (f.count(d) > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every protocol name, in table order. */
    static List<Protocol> protocols(List<AppDissector> table) {
        List<Protocol> out = new ArrayList<>();
        for (AppDissector d : table) {
            for (String name : d.protocols()) {
                List<AppField> carried = new ArrayList<>();
                for (AppDissector other : table) {
                    for (AppField f : other.fields()) {
                        if (other.getClass() != d.getClass() && f.name().startsWith(name + ".")) {
                            carried.add(f);
                        }
                    }
                }
                out.add(new Protocol(name, d.getClass(), carried));
            }
        }
        return out;
    }

    /** Every field name with its definitions (those of the first definition's kind), in table order. */
    static List<FieldSet> fields(List<AppDissector> table) {
        Map<String, List<AppField>> byName = new LinkedHashMap<>();
        for (AppDissector d : table) {
            for (AppField f : d.fields()) {
                List<AppField> same = byName.computeIfAbsent(f.name(), k -> new ArrayList<>());
                if (same.isEmpty() || same.get(0).kind() == f.kind()) {
                    same.add(f);
                }
            }
        }
        List<FieldSet> out = new ArrayList<>();
        byName.forEach((name, defs) -> out.add(new FieldSet(name, defs)));
        return out;
    }
}
