package org.wiretop.monitor.servers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** hello and time: say one thing as soon as the client connects, then close; input is ignored. */
final class GreetingHandler implements ConnectionHandler {
    private final Function<TcpConnection, String> greeting;

    private GreetingHandler(Function<TcpConnection, String> greeting) {
        this.greeting = greeting;
    }

    static GreetingHandler hello() {
        return new GreetingHandler(c -> "Hello " + Endpoints.text(c.remote().getAddress()) + "\n");
    }

    static GreetingHandler time() {
        return new GreetingHandler(c -> CtimeFormat.now());
    }

    @Override
    public void onOpen(TcpConnection connection) {
        connection.send(ByteBuffer.wrap(greeting.apply(connection).getBytes(StandardCharsets.US_ASCII)));
        connection.finish();
    }

    @Override
    public void onData(ByteBuffer data, TcpConnection connection) {
        // what the client says does not matter; the connection counts and drops it
    }
}
