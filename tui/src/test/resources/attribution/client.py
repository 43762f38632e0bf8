# One short-lived client: connect, send 2 bytes, read the reply, then either close at once
# (HOLD "0"), hold the connection HOLD milliseconds, or ("wait") print "PID LOCAL_PORT" and wait
# for a line on stdin (the test looks at ss meanwhile) and keep the connection 40 ms in all (a
# connection that lives 20 ms or more, whatever ss took); close and exit.
# Prints "PID LOCAL_PORT LIFETIME_MS" (connect to close) on the way out.
import os, socket, sys, time
port, hold = int(sys.argv[1]), sys.argv[2]
t0 = time.monotonic()
s = socket.create_connection(("127.0.0.1", port))
local = s.getsockname()[1]
s.sendall(b"hi")
s.recv(64)
if hold == "wait":
    print(os.getpid(), local, flush=True)
    sys.stdin.readline()
    time.sleep(max(0.0, 0.040 - (time.monotonic() - t0)))
elif float(hold) > 0:
    time.sleep(float(hold) / 1000.0)
s.close()
print(os.getpid(), local, "%.3f" % ((time.monotonic() - t0) * 1000.0), flush=True)
