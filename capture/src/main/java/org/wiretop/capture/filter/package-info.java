/**
 * Display filters: Wireshark's filter syntax for the fields wiretop decodes (design §5),
 * compiled once by {@link org.wiretop.capture.filter.DisplayFilter#compile(String)} and evaluated
 * without allocation on every packet.
 *
 * <h2>Grammar</h2>
 * <pre>
 * filter   = or
 * or       = xor { ("||" | "or") xor }
 * xor      = and { ("^^" | "xor") and }
 * and      = not { ("&amp;&amp;" | "and") not }
 * not      = ("!" | "not") not | "(" filter ")" | test
 * test     = NAME                                      present?
 *          | NAME REL value                            REL: == != &lt; &lt;= &gt; &gt;= (eq ne lt le gt ge)
 *          | NAME REL NAME                             two fields of the same kind
 *          | NAME "&amp;" number [REL number]              bits set (tcp.flags &amp; 0x12 == 0x12)
 *          | NAME "in" "{" (number | number..number) {[","] ...} "}"
 *          | NAME "contains" value                     text fields; a protocol's bytes
 *          | NAME ("matches" | "~") "regex"            the same, by a regular expression
 * value    = number | address | subnet | MAC | "quoted text" | word | bytes
 * number   = 123 | 0x7b | 0b1111011 | 0173 (octal, as Wireshark) | true | false (booleans)
 * address  = 10.0.0.1 | 10.0.0.0/8 | fe80::1 | fe80::/10
 * MAC      = 00:11:22:33:44:55 | 00-11-22-33-44-55 | 0011.2233.4455
 * bytes    = 47:45:54 | 47-45-54 | 47.45.54 | 47        (after a protocol's contains)
 * text     = "..." with Wireshark's escapes \\ \" \' \a \b \f \n \r \t \v \xhh \ooo (any other is an error)
 * </pre>
 *
 * <h2>Names</h2>
 * Protocols (true when decoded): {@code frame eth vlan ieee8021ad sll null arp ip ipv6 tcp udp
 * icmp icmpv6}. Fields: those of design §5 ({@code ip.src}, {@code tcp.dstport},
 * {@code tcp.flags}, ...), the either-side fields {@code eth.addr ip.addr ipv6.addr tcp.port
 * udp.port}, the flag bits {@code tcp.flags.fin syn reset push ack urg ece cwr ae} (and the
 * habits {@code tcp.flags.rst}, {@code tcp.flags.psh}), {@code icmp.ident icmp.seq}, a few
 * more ({@code ip.dsfield}, {@code ipv6.flow}, {@code tcp.options.mss_val}, ...), and our own
 * {@code wiretop.status} ({@code "ok" "truncated" "invalid" "unsupported"}) and
 * {@code wiretop.reason}. Then the application layer, from the dissector table
 * ({@link org.wiretop.decode.Dissectors}): each protocol's name ({@code dns}, {@code http},
 * {@code tls}, ...; a protocol may have variants, as {@code mdns} and {@code llmnr} are DNS on
 * their ports to Wireshark), true when the payload was dissected as it and is not empty; and each
 * {@link org.wiretop.decode.AppField} of its dissector ({@code dns.qry.name}, {@code dns.a}, ...)
 * with its kind (number, boolean, IPv4, IPv6, text). A field several dissectors report is one name
 * (QUIC reports TLS's {@code tls.handshake.*} for the handshake in its Initial), and a protocol is
 * also true where another dissector carries its fields ({@code tls} on such a QUIC packet), as in
 * Wireshark. A protocol added to the table is filterable with no change here. {@link org.wiretop.capture.filter.DisplayFilter#knownNames()} lists them all.
 *
 * <h2>Semantics (Wireshark 4's)</h2>
 * <ul>
 * <li>A comparison on a field the packet lacks is false, whatever the operator:
 *     {@code tcp.port != 80} does not match UDP; {@code !(tcp.port == 80)} does.</li>
 * <li>Either-side fields match when a side matches; {@code ip.addr != X} means no side is X.</li>
 * <li>A bare field is a presence test: {@code tcp.flags.syn} matches every TCP packet whose
 *     flags were captured; {@code tcp.flags.syn == 1} is what selects SYNs.</li>
 * <li>Fields are those of the outermost layer (the decoder keeps one of each).</li>
 * <li>An application field may occur several times (two {@code dns.a} records): {@code ==},
 *     the orderings, {@code contains} and {@code matches} hold when any occurrence does;
 *     {@code !=} when every occurrence differs (Wireshark 4's {@code !=}, "all not equal").</li>
 * <li>Text compares as bytes (the literal as UTF-8): {@code ==} and {@code contains} are
 *     case-sensitive; {@code matches} is a Java regular expression searched in the value,
 *     case-insensitive unless it says {@code (?-i)}, as Wireshark's PCRE {@code matches} is.
 *     Compiled once; evaluated on a reused per-thread buffer, so nothing is allocated per packet.</li>
 * <li>{@code contains} and {@code matches} on a protocol search its bytes, from its first byte to
 *     the end of the IP datagram (or of the capture): {@code frame contains "GET"},
 *     {@code udp contains 07:65:78}.</li>
 * </ul>
 * The test {@code DisplayFilterTsharkTest} checks 60 header filters against tshark's own engine,
 * and 40 application filters plus every application protocol and field name tshark knows on the
 * application fixtures and on the corpus's application traffic.
 * Beyond tshark 4.0 we also accept {@code xor}/{@code ^^}, {@code true}/{@code false},
 * space-separated sets and upper-case keywords and names; host names are never resolved.
 */
package org.wiretop.capture.filter;
