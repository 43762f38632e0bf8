package org.wiretop.monitor.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpRequestParserTest {
    private static int status(String request) {
        byte[] b = request.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        return HttpRequestParser.judge(b, b.length).status();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET / HTTP/1.0\\r\\n\\r\\n|200",
            "GET /a/b?c=d HTTP/1.1\\r\\nHost: x\\r\\nAccept: */*\\r\\n\\r\\n|200",
            "HEAD /x HTTP/1.0\\n\\n|200",
            "POST /x HTTP/1.0\\r\\n\\r\\n|405",
            "GET /x HTTP/2.0\\r\\n\\r\\n|505",
            "GET /x HTTP/1.0\\r\\nbad header\\r\\n\\r\\n|400",
            "GET /x HTTP/1.0\\r\\n: empty name\\r\\n\\r\\n|400",
            "GET  /x HTTP/1.0\\r\\n\\r\\n|400",
            "GET x HTTP/1.0\\r\\n\\r\\n|400",
            "GET /x\\r\\n\\r\\n|400",
            "\\u0001GET|400",
            "' GET'|400",
            "GET /x HTTP/1.0\\r\\n|0",
            "GET /x HTTP/1.0\\r\\nHost: y|0",
            "GE|0",
    })
    void judgesRequests(String request, int expected) {
        assertEquals(expected, status(request.replace("\\u0001", "\u0001")));
    }

    @ParameterizedTest
    @CsvSource({"GET /x HTTP/1.0", "GET /x HTTP/1.0\r\nHost: y\r\n"})
    void neverReadsPastTheGivenLength(String request) {
        byte[] b = (request + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int len = 0; len < request.length(); len++) {
            assertFalse(HttpRequestParser.judge(b, len).status() == 200, "complete at " + len);
        }
    }
}
