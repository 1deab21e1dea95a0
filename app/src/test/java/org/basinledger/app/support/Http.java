package org.basinledger.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for end-to-end tests: JSON in, status, headers and JSON out. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** One answer: status, headers, raw body, and the body as JSON when it is JSON. */
    public record Answer(int status, HttpResponse<byte[]> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body(), e);
            }
        }

        public String body() {
            return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }

    public Request get(String path) {
        return new Request("GET", path, null);
    }

    public Request post(String path, Object body) {
        return new Request("POST", path, body);
    }

    public Request put(String path, Object body) {
        return new Request("PUT", path, body);
    }

    public Request delete(String path) {
        return new Request("DELETE", path, null);
    }

    /** A request being built; {@link #send()} sends it. */
    public final class Request {
        private final String method;
        private final String path;
        private final Object body;
        private final List<String> headers = new ArrayList<>();
        private String contentType = "application/json";

        private Request(String method, String path, Object body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }

        public Request token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Request header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        public Request contentType(String type) {
            this.contentType = type;
            return this;
        }

        public Answer send() {
            try {
                HttpRequest.BodyPublisher publisher;
                if (body == null) {
                    publisher = HttpRequest.BodyPublishers.noBody();
                } else if (body instanceof byte[] bytes) {
                    publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
                } else if (body instanceof String text) {
                    publisher = HttpRequest.BodyPublishers.ofString(text);
                } else {
                    publisher = HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
                }
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher);
                if (body != null) {
                    builder.header("Content-Type", contentType);
                }
                for (int i = 0; i < headers.size(); i += 2) {
                    builder.header(headers.get(i), headers.get(i + 1));
                }
                HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(response.statusCode(), response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
