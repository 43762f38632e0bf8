package org.wiretop.decode.tls;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * Our short text for a TLS segment, after tcpdump's {@code length N} (tcpdump has no TLS printer):
 * {@code : TLS ClientHello SNI=example.com ALPN=h2,http/1.1},
 * {@code : TLS ServerHello TLSv1.3 TLS_AES_128_GCM_SHA256}, {@code : TLS Application Data}.
 * What a segment holds is listed in order, a run of equal records once (a segment of sixteen
 * Application Data records says it once); the capture's end is {@code [|tls]} and an impossible
 * length {@code [reason]}, as the rest of the line marks them.
 */
public final class TlsText {
    private TlsText() {
    }

    static void append(Tls d, LineBuilder out, PacketSummary s) {
        out.append(": TLS");
        if (d.itemCount == 0 && s.status == Status.OK) {
            out.append(" segment"); // a record header that goes on in the next segment
        }
        int last = -1;
        boolean first = true;
        for (int i = 0; i < d.itemCount; i++) {
            int item = d.items[i];
            if (item == last) {
                continue;
            }
            last = item;
            out.append(first ? " " : ", ");
            first = false;
            appendItem(d, item >>> 16, item & 0xffff, out);
        }
        appendStatus(out, s, "tls");
    }

    private static void appendItem(Tls d, int kind, int value, LineBuilder out) {
        switch (kind) {
            case Tls.ITEM_MESSAGE:
                if (d.hello.type() == value) {
                    appendHello(d.hello, out);
                } else {
                    String name = TlsNames.handshake(value, false);
                    if (name != null) {
                        out.append(name);
                    } else {
                        out.append("Handshake(").append(value).append(')');
                    }
                }
                break;
            case Tls.ITEM_CCS:
                out.append("ChangeCipherSpec");
                break;
            case Tls.ITEM_ALERT:
                out.append("Alert ");
                if (value >>> 8 == 2 || value >>> 8 == 1) {
                    out.append(value >>> 8 == 2 ? "fatal" : "warning");
                } else {
                    out.append("level ").append(value >>> 8);
                }
                String description = TlsNames.alert(value & 0xff);
                if (description != null) {
                    out.append(' ').append(description);
                } else {
                    out.append(' ').append(value & 0xff);
                }
                break;
            case Tls.ITEM_ENCRYPTED_ALERT:
                out.append("Encrypted Alert");
                break;
            case Tls.ITEM_DATA:
                out.append("Application Data");
                break;
            case Tls.ITEM_ENCRYPTED_HANDSHAKE:
                out.append("Encrypted Handshake");
                break;
            default:
                out.append("Heartbeat");
                break;
        }
    }

    /**
     * Appends a hello as far as it was read: {@code ClientHello SNI=x ALPN=a,b} or
     * {@code ServerHello TLSv1.3 TLS_AES_128_GCM_SHA256 ALPN=h2} (QUIC's text uses it too).
     */
    public static void appendHello(TlsHandshake h, LineBuilder out) {
        if (h.type() == TlsHandshake.CLIENT_HELLO) {
            out.append("ClientHello");
            if (h.hasServerName()) {
                out.append(" SNI=");
                int at = out.length();
                h.appendServerName(out);
                TlsNames.printable(out, at);
            }
        } else {
            out.append(h.retryRequest() ? "HelloRetryRequest" : "ServerHello");
            if (h.version() >= 0) {
                out.append(' ');
                TlsNames.appendVersion(out, h.chosenVersion());
            }
            if (h.suiteCount() > 0) {
                out.append(' ');
                appendSuite(out, h.suite(0));
            }
        }
        for (int i = 0; i < h.alpnCount(); i++) {
            out.append(i == 0 ? " ALPN=" : ",");
            int at = out.length();
            h.appendAlpn(i, out);
            TlsNames.printable(out, at);
        }
    }

    private static void appendSuite(LineBuilder out, int suite) {
        String name = CipherSuites.name(suite);
        if (name != null) {
            out.append(name);
        } else {
            out.append("0x").appendHex2(suite >>> 8).appendHex2(suite & 0xff);
        }
    }

    /** The end of a line whose protocol {@code layer} was cut by the capture or found invalid. */
    public static void appendStatus(LineBuilder out, PacketSummary s, String layer) {
        if (s.status == Status.TRUNCATED && layer.equals(s.reason)) {
            out.append(" [|").append(layer).append(']');
        } else if (s.status == Status.INVALID && s.reason.startsWith(layer)
                && s.reason.length() > layer.length() && s.reason.charAt(layer.length()) == '-') {
            out.append(" [").appendTemplate(s.reason, s.reasonValue).append(']');
        }
    }
}
