# Real TCP behaviour on loopback for the expert-analysis tests, both ends in one process:
#   python3 tcp_moods.py slow PORT  -- a sender faster than a reader with a 4 KiB receive buffer that
#                                      starts late and reads slowly: zero windows, full windows,
#                                      window updates, window probes
#   python3 tcp_moods.py idle PORT  -- a connection idle for 2.5 s with keep-alives every second
# Bounded: at most 560 KiB sent, and the script ends in a few seconds.
import socket, sys, threading, time

mode, port = sys.argv[1], int(sys.argv[2])
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", port))
listener.listen(1)


def serve():
    conn, _ = listener.accept()
    if mode == "slow":
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            for _ in range(400):
                conn.sendall(b"x" * 1400)
        except OSError:
            pass
    else:
        conn.recv(16)
        time.sleep(2.5)
        conn.sendall(b"bye")
    conn.close()


server = threading.Thread(target=serve)
server.start()
client = socket.socket()
if mode == "slow":
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
client.connect(("127.0.0.1", port))
if mode == "slow":
    time.sleep(0.6)
    while client.recv(2000):
        time.sleep(0.002)
else:
    client.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    client.sendall(b"hi")
    client.recv(16)
client.close()
server.join()
listener.close()
