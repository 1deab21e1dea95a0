package org.basinledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/** Server-Sent Event streams read off the wire into queues, for tests; {@link #close()} ends them all. */
public final class EventStreams implements AutoCloseable {

    /** The name of the event the reader adds when the server ended the stream. */
    public static final String END = "(end)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<InputStream> open = new ArrayList<>();

    /** One event: its name ({@code message} when unnamed, {@link #END} when the stream ended) and its data. */
    public record Event(String name, JsonNode data) {
    }

    /** Opens {@code path} on the node at {@code port} (with a bearer token unless null); its events, as they come. */
    public BlockingQueue<Event> open(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        InputStream body = response.body();
        synchronized (open) {
            open.add(body);
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                String name = "message";
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        events.add(new Event(name, JSON.readTree(line.substring(5))));
                    } else if (line.isEmpty()) {
                        name = "message";
                    }
                }
                events.add(new Event(END, NullNode.getInstance()));
            } catch (IOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    /** The next event; patience, not a timing assertion: it must come, however long the machine takes. */
    public static Event next(BlockingQueue<Event> events) throws InterruptedException {
        Event event = events.poll(60, TimeUnit.SECONDS);
        assertThat(event).as("an event on the stream").isNotNull();
        return event;
    }

    @Override
    public void close() throws IOException {
        synchronized (open) {
            for (InputStream body : open) {
                body.close();
            }
            open.clear();
        }
    }
}
