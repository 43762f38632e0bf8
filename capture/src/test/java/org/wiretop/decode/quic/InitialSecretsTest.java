package org.wiretop.decode.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.QuicVectors;

/**
 * The Initial keys against the RFCs' published values (RFC 9001 A.1 for version 1, RFC 9369 A.1
 * for version 2), and packets protected with them against the RFCs' protected packets: the same
 * bytes from the same unprotected header and payload (A.2 client, A.3 server).
 */
class InitialSecretsTest {
    private static final HexFormat HEX = HexFormat.of();
    @Test
    void versionOneKeysAreRfc9001s() throws Exception {
        assertKeys(QuicVersions.V1, false, "1f369613dd76d5467730efcbe3b1a22d", "fa044b2f42a3fd3b46fb255c",
                "9f50449e04a0e810283a1e9933adedd2");
        assertKeys(QuicVersions.V1, true, "cf3a5331653c364c88f0f379b6067e37", "0ac1493ca1905853b0bba03e",
                "c206b8d9b9f0f37644430b490eeaa314");
    }

    @Test
    void versionTwoKeysAreRfc9369s() throws Exception {
        assertKeys(QuicVersions.V2, false, "8b1a0bc121284290a29e0971b5cd045d", "91f73e2351d8fa91660e909f",
                "45b95e15235d6f45a6b19cbcb0294ba9");
        assertKeys(QuicVersions.V2, true, "82db637861d55e1d011f19ea71d5d2a7", "dd13c276499c0249d3310652",
                "edf6d05c83121201b436e16877593c3a");
    }

    @Test
    void sealingTheRfcsPayloadsGivesTheRfcsPackets() throws Exception {
        assertEquals(clean(QuicVectors.V1_CLIENT_INITIAL), HEX.formatHex(InitialSealer.seal(QuicVersions.V1,
                QuicVectors.DCID, false, "c300000001088394c8f03e5157080000449e00000002", 4,
                InitialSealer.padded(QuicVectors.CLIENT_FRAMES, 1162))));
        assertEquals(clean(QuicVectors.V1_SERVER_INITIAL), HEX.formatHex(InitialSealer.seal(QuicVersions.V1,
                QuicVectors.DCID, true, "c1000000010008f067a5502a4262b50040750001", 2,
                InitialSealer.padded(QuicVectors.SERVER_FRAMES, 0))));
        assertEquals(clean(QuicVectors.V2_CLIENT_INITIAL), HEX.formatHex(InitialSealer.seal(QuicVersions.V2,
                QuicVectors.DCID, false, "d36b3343cf088394c8f03e5157080000449e00000002", 4,
                InitialSealer.padded(QuicVectors.CLIENT_FRAMES, 1162))));
        assertEquals(clean(QuicVectors.V2_SERVER_INITIAL), HEX.formatHex(InitialSealer.seal(QuicVersions.V2,
                QuicVectors.DCID, true, "d16b3343cf0008f067a5502a4262b50040750001", 2,
                InitialSealer.padded(QuicVectors.SERVER_FRAMES, 0))));
    }

    private static void assertKeys(int version, boolean server, String key, String iv, String hp) throws Exception {
        byte[] k = new byte[16], i = new byte[12], h = new byte[16];
        byte[] cid = HEX.parseHex(QuicVectors.DCID);
        new InitialSecrets().derive(version, QuicVersions.salt(version), cid, 0, cid.length, server, k, i, h);
        assertEquals(key, HEX.formatHex(k));
        assertEquals(iv, HEX.formatHex(i));
        assertEquals(hp, HEX.formatHex(h));
    }

    private static String clean(String hex) {
        return hex.replace(" ", "");
    }
}
