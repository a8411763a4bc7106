package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.report.Workspace;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The live lab's web server, on 127.0.0.1 only: the page (from the class path), the run's events
 * as server-sent events, and the buttons' actions, which it accepts from its own page only.
 */
public final class LabServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final LabRun run;
    private final LabEvents events;

    private LabServer(Javalin app, LabRun run, LabEvents events) {
        this.app = app;
        this.run = run;
        this.events = events;
    }

    /** Serves the lab for {@code script} run in {@code workspace}, on {@code port} (0: any free one). */
    public static LabServer start(Workspace workspace, Path script, int port) throws IOException {
        return start(workspace, script, port, null);
    }

    /**
     * The same on the bin/cluster cluster {@code remote} (null: the workspace's embedded one), whose
     * TaskManager and leading JobManager the page can kill.
     */
    public static LabServer start(Workspace workspace, Path script, int port, @Nullable LocalFlinkCluster remote) throws IOException {
        final LabEvents events = new LabEvents();
        final LabRun run = new LabRun(workspace, script, events, remote);
        final boolean paceable = NextRun.paceable(script);
        final Javalin app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.staticFiles.add("/lab", Location.CLASSPATH);
            config.routes.before(LabServer::requireOwnHost);
            config.routes.before("/api/*", LabServer::requireOwnPage);
            config.routes.sse("/events", events::join);
            config.routes.post("/api/start", ctx -> answer(ctx, () -> run.start(nextRun(ctx))));
            config.routes.post("/api/resume", ctx -> answer(ctx, () -> run.resume(nextRun(ctx))));
            config.routes.post("/api/fail-now", ctx -> answer(ctx, run::failNow));
            config.routes.post("/api/cancel-keep-checkpoint", ctx -> answer(ctx, () -> run.stop(LabRun.Stop.CANCEL_KEEPING_CHECKPOINT)));
            config.routes.post("/api/kill-taskmanager", ctx -> answer(ctx, run::killTaskManager));
            config.routes.post("/api/kill-jobmanager", ctx -> answer(ctx, run::killJobManager));
            config.routes.post("/api/savepoint-and-stop", ctx -> answer(ctx, () -> run.stop(LabRun.Stop.SAVEPOINT_AND_STOP)));
            config.routes.get("/setup", ctx -> ctx.json(java.util.Map.of("script", script.toString(), "paceable", paceable, "remote", remote != null,
                    "highlyAvailable", remote != null && remote.isHighlyAvailable())));
            config.routes.get("/timeline", ctx -> {
                final Path timeline = workspace.timeline();
                if (Files.exists(timeline)) {
                    ctx.html(Files.readString(timeline));
                } else {
                    ctx.status(HttpStatus.NOT_FOUND).result("no run has ended yet");
                }
            });
        }).start();
        return new LabServer(app, run, events);
    }

    /**
     * Where the lab's jobs run on {@code cluster}: its leader, followed through a failover; each job
     * (the demo's, and the ones that read its checkpoints) ships our classes in target/udf-demo.jar,
     * since a cluster of processes runs Flink's jars only.
     */
    public static ClusterAddress addressOn(LocalFlinkCluster cluster) {
        return cluster.followingLeader()
                .withClientSettings(java.util.Map.of("pipeline.jars", Path.of("target/udf-demo.jar").toAbsolutePath().toUri().toString()));
    }

    /** The page's address. */
    public String address() {
        return "http://127.0.0.1:" + app.port() + "/";
    }

    /**
     * A button's request must come from the lab's own page: a browser sends the page's origin with
     * it, and another site's page (or a script without one) is refused.
     */
    private static void requireOwnPage(Context ctx) {
        final String own = "http://127.0.0.1:" + ctx.port();
        if (!own.equals(ctx.header("Origin"))) {
            ctx.status(HttpStatus.FORBIDDEN).result("refused: not from the lab's own page (" + own + ")");
            ctx.skipRemainingHandlers();
        }
    }

    /**
     * Every request, the page's reads included, must name the lab's own host: a page of another
     * site whose name an attacker points at 127.0.0.1 (DNS rebinding) sends its own name, and is
     * refused before it can read the run's events. A browser's cross-site request is refused too.
     */
    private static void requireOwnHost(Context ctx) {
        final String host = ctx.header("Host");
        final String origin = ctx.header("Origin");
        final boolean ownHost = ("127.0.0.1:" + ctx.port()).equals(host) || ("localhost:" + ctx.port()).equals(host);
        final boolean ownOrigin = origin == null || origin.equals("http://" + host);
        if (!ownHost || !ownOrigin) {
            ctx.status(HttpStatus.FORBIDDEN).result("refused: not the lab's own address (http://127.0.0.1:" + ctx.port() + ")");
            ctx.skipRemainingHandlers();
        }
    }

    /** The next job's settings from the request's body; a bad one is the learner's mistake (400). */
    private static NextRun nextRun(Context ctx) {
        try {
            return NextRun.of(ctx.body().isBlank() ? null : JSON.readTree(ctx.body()));
        } catch (IOException e) {
            throw new BadRequestResponse("not JSON: " + ctx.body());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    /** Acts, and answers "ok", or 409 with the reason it could not act. */
    private static void answer(Context ctx, java.util.function.Supplier<String> action) {
        final String refusal = action.get();
        if (refusal == null) {
            ctx.result("ok");
        } else {
            ctx.status(HttpStatus.CONFLICT).result(refusal);
        }
    }

    /** {@link #close}, for a shutdown hook. */
    public void closeQuietly() {
        try {
            close();
        } catch (InterruptedException | RuntimeException e) {
            // The JVM ends anyway.
        }
    }

    /** Cancels the job the lab runs, if any, and stops the server. */
    @Override
    public void close() throws InterruptedException {
        try {
            run.close();
        } finally {
            events.emit("closed");
            events.close();
            app.stop();
        }
    }
}
