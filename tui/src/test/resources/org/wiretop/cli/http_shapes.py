# HTTP/1.x responses cut into TCP segments on purpose, for the transaction tests (loopback only):
#   python3 http_shapes.py serve PORT   -- serves until PORT+"/quit" or 60 s, one connection at a time
#   python3 http_shapes.py pipeline PORT -- a client sending two requests in one segment
# Each write of a response leaves as its own segment: TCP_NODELAY, and before the next write the
# server waits (bounded) until the peer has ACKed everything sent (TCP_INFO's tcpi_unacked == 0).
# Paths: /chunked (chunk-size line and terminator split), /trailer (chunked with a trailer field),
# /split (status and header lines split, CR and LF of the blank line apart), /close (no length:
# the body runs to the close, a bare FIN), /closefin (the same, FIN right after the last byte).
import socket, struct, sys, time

TCP_INFO_UNACKED = 24  # offset of tcpi_unacked in struct tcp_info (8 one-byte fields, then rto, ato, snd_mss, rcv_mss)


def acked(conn):
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        info = conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
        if struct.unpack_from("I", info, TCP_INFO_UNACKED)[0] == 0:
            return
        time.sleep(0.0002)


def send(conn, *parts):
    for part in parts:
        acked(conn)
        conn.sendall(part)


RESPONSES = {
    "/chunked": [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n",
                 b"5\r\nhello\r\n1", b"0\r\n0123456789abcdef\r\n", b"0\r\n", b"\r\n"],
    "/trailer": [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Check\r\n\r\n3\r\nabc\r\n",
                 b"4\r\ndefg\r\n", b"0\r\nX-Check: 7\r\n\r\n"],
    "/split": [b"HTTP/1.1 200 OK\r\nContent-Ty", b"pe: text/plain\r\nContent-Len", b"gth: 10\r\n\r",
               b"\n01234", b"56789"],
    "/close": [b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", b"part one, ", b"part two"],
}


def request(conn, buffered):
    while b"\r\n\r\n" not in buffered:
        data = conn.recv(65536)
        if not data:
            return None, b""
        buffered += data
        if len(buffered) > 1 << 20:
            return None, b""
    head, rest = buffered.split(b"\r\n\r\n", 1)
    return head.split(b" ")[1].decode(), rest


def serve(port):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(4)
    listener.settimeout(60)
    print("listening", flush=True)
    while True:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            return
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.settimeout(10)
        buffered = b""
        try:
            while True:
                path, buffered = request(conn, buffered)
                if path is None:
                    break
                if path == "/quit":
                    send(conn, b"HTTP/1.1 204 No Content\r\n\r\n")
                    conn.close()
                    return
                if path.startswith("/close"):
                    send(conn, *RESPONSES["/close"])
                    if path == "/close":
                        acked(conn)
                    break
                send(conn, *RESPONSES.get(path, [b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"]))
        except OSError:
            pass
        conn.close()


def pipeline(port):
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn.sendall(b"GET /split HTTP/1.1\r\nHost: x\r\n\r\nGET /chunked HTTP/1.1\r\nHost: x\r\n\r\n")
    received = b""
    while not received.endswith(b"0\r\n\r\n"):
        data = conn.recv(65536)
        if not data:
            break
        received += data
    conn.close()


if sys.argv[1] == "serve":
    serve(int(sys.argv[2]))
else:
    pipeline(int(sys.argv[2]))
