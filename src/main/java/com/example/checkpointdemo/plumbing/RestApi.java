package com.example.checkpointdemo.plumbing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GET requests to a Flink cluster's REST API, answers as JSON trees. */
public final class RestApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterAddress cluster;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The REST API at {@code http://host:port}. */
    public RestApi(String host, int port) {
        this(ClusterAddress.of(host, port));
    }

    /** The REST API of the cluster at {@code cluster} (of a starting cluster: once it has started). */
    public RestApi(ClusterAddress cluster) {
        this.cluster = cluster;
    }

    /** How often a GET is sent again after an answer that says nothing about the job (see {@link #get}). */
    private static final int CACHE_RETRIES = 3;

    /**
     * GETs {@code path}; an unreachable cluster or an error answer is an {@link IllegalStateException}.
     * A 500 with a {@code CancellationException} is asked again: the JobManager's cache of execution
     * graphs cancels a lookup it replaces, and answers the request that waited on it so (seen while a
     * job restarts); the next lookup answers.
     */
    public JsonNode get(String path) {
        final HttpRequest request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(30)).build();
        for (int retry = 0; ; retry++) {
            try {
                return send(request);
            } catch (IllegalStateException e) {
                if (retry == CACHE_RETRIES || !String.valueOf(e.getMessage()).contains(" answered 500: ")
                        || !e.getMessage().contains("java.util.concurrent.CancellationException")) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the REST API again", e);
        }
    }

    /** POSTs the JSON {@code body} to {@code path}, as {@link #get} does a GET. */
    public JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(base().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }

    /** Whether the REST API answers at all. */
    public boolean isUp() {
        try {
            get("/config");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return cluster.toString();
    }

    private URI base() {
        return URI.create(cluster.toString());
    }
}