package io.devreg.examples.boot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service on its port, over real HTTP, as a billing client calls it. */
final class BillingApi {

    static final String DEVICES = "/api/v1/billing/devices";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    BillingApi(int port) {
        this.port = port;
    }

    /** POSTs JSON to a device endpoint, e.g. {@code /reserve}, with headers given as name, value, ... */
    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + DEVICES + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** GETs a path of the service, e.g. {@code /api/v1/billing/accounts/a/usage?...}. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").GET().build());
    }

    /**
     * POSTs JSON to a device endpoint with header lines written byte for byte, for the header values
     * that {@link HttpClient} refuses to send (control characters, bytes beyond ASCII, repeated
     * names). Answers the status code and the body (de-chunked).
     */
    RawAnswer postRaw(String path, byte[] headerLines, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + DEVICES + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(headerLines);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return RawAnswer.parse(answer.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An answer read off the socket.
     *
     * @param status the status code
     * @param head   the status line and the headers
     * @param body   the body, de-chunked
     */
    record RawAnswer(int status, String head, String body) {

        static RawAnswer parse(String answer) {
            int end = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, end);
            String body = answer.substring(end + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                StringBuilder joined = new StringBuilder();
                int at = 0;
                while (true) {
                    int lineEnd = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.append(body, lineEnd + 2, lineEnd + 2 + size);
                    at = lineEnd + 2 + size + 2;
                }
                body = joined.toString();
            }
            return new RawAnswer(Integer.parseInt(head.substring(9, 12)), head, body);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
