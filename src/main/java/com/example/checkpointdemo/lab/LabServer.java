package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.report.Workspace;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The live lab's web server, on 127.0.0.1 only: the page (from the class path), the run's events
 * as server-sent events, and the buttons' actions, which it accepts from its own page only.
 */
public final class LabServer implements AutoCloseable {

    private final Javalin app;

    private LabServer(Javalin app) {
        this.app = app;
    }

    /** Serves the lab for {@code script} run in {@code workspace}, on {@code port} (0: any free one). */
    public static LabServer start(Workspace workspace, Path script, int port) throws IOException {
        final LabEvents events = new LabEvents();
        final LabRun run = new LabRun(workspace, script, events);
        final Javalin app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.staticFiles.add("/lab", Location.CLASSPATH);
            config.routes.before("/api/*", LabServer::requireOwnPage);
            config.routes.sse("/events", events::join);
            config.routes.post("/api/start", ctx -> answer(ctx, run.start(), "a job runs already"));
            config.routes.post("/api/fail-now", ctx -> answer(ctx, run.failNow(), "no job runs"));
            config.routes.get("/timeline", ctx -> {
                final Path timeline = workspace.timeline();
                if (Files.exists(timeline)) {
                    ctx.html(Files.readString(timeline));
                } else {
                    ctx.status(HttpStatus.NOT_FOUND).result("no run has ended yet");
                }
            });
        }).start();
        return new LabServer(app);
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

    private static void answer(Context ctx, boolean done, String why) {
        if (done) {
            ctx.result("ok");
        } else {
            ctx.status(HttpStatus.CONFLICT).result(why);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
