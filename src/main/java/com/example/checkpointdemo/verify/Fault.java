package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.Text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One fault of a run's schedule: what is done to which process ({@link Kind}) and when ({@link
 * Moment}): {@code afterMillis} after the run's first completed checkpoint (not after its start,
 * which a cold TaskManager delays by seconds), at once or, for the checkpoint moments, once a
 * checkpoint the verifier triggers then is in progress or has completed.
 */
public record Fault(Kind kind, Moment moment, long afterMillis) {

    /** What the fault does, on the cluster's real processes. */
    public enum Kind {
        /** SIGKILL to a TaskManager running the job: a machine lost. */
        TM_KILL("tm-kill", "SIGKILL to a TaskManager running the job"),
        /** SIGSTOP to a TaskManager running the job for longer than the heartbeat timeout, then SIGCONT: a long GC pause or a network stall. */
        TM_STOP("tm-stop", "SIGSTOP to a TaskManager running the job, past the heartbeat timeout, then SIGCONT"),
        /** SIGKILL to the leading JobManager; a standby takes over (ZooKeeper HA). */
        JM_KILL("jm-kill", "SIGKILL to the leading JobManager; the standby takes over"),
        /** SIGKILL to the Kafka broker, started again at once with its data: a broker lost and replaced. */
        BROKER_KILL("broker-kill", "SIGKILL to the Kafka broker, then started again with its data"),
        /** SIGSTOP to the Kafka broker for {@link Nemesis#BROKER_PAUSE}, then SIGCONT: a broker that stalls, its clients' connections open. */
        BROKER_STOP("broker-stop", "SIGSTOP to the Kafka broker for " + Nemesis.BROKER_PAUSE.toSeconds() + " s, then SIGCONT"),
        /** SIGKILL to the object store holding the checkpoints (S3Proxy), started again with its objects. */
        STORE_RESTART("store-restart", "SIGKILL to the object store (S3Proxy) holding the checkpoints, then started again");

        private final String id;
        private final String what;

        Kind(String id, String what) {
            this.id = id;
            this.what = what;
        }

        /** {@code tm-kill}: as {@code --faults} names it. */
        public String id() {
            return id;
        }

        /** Whether the fault is done to a system around Flink (a broker, a store), not to one of its own processes. */
        public boolean aroundFlink() {
            return this == BROKER_KILL || this == BROKER_STOP || this == STORE_RESTART;
        }

        /** What it does, in a sentence. */
        public String what() {
            return what;
        }

        /** The kinds named in {@code list} ({@code tm-kill,tm-stop}); an unknown name is an {@link IllegalArgumentException}. */
        public static List<Kind> parse(String list) {
            return Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty()).map(name ->
                    Arrays.stream(values()).filter(kind -> kind.id.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(Text.format("unknown fault '%s'; one of: %s", name,
                                    String.join(", ", Arrays.stream(values()).map(Kind::id).toList())))))
                    .distinct().toList();
        }
    }

    /** When the fault lands, against the job's checkpoints: where exactly-once bugs live. */
    public enum Moment {
        /** At a time drawn from the window where a checkpoint has completed and the job still runs. */
        AT_A_RANDOM_TIME(Text.of("%s %.1f s after the first checkpoint")),
        /** Right after the verifier triggers a checkpoint: its barriers are on their way, nothing is acknowledged yet. */
        CHECKPOINT_IN_PROGRESS(Text.of("%s while the checkpoint it triggers %.1f s after the first is in progress")),
        /** Right after a checkpoint the verifier triggered completed: before its commit may have reached every sink. */
        CHECKPOINT_JUST_COMPLETED(Text.of("%s right after the checkpoint it triggers %.1f s after the first completes"));

        /** The fault of a kind ({@code %s}, its id) at this moment ({@code %.1f}, seconds after the first checkpoint). */
        private final String when;

        Moment(String when) {
            this.when = when;
        }
    }

    /** {@code tm-kill 4.2 s after the first checkpoint}, in the reader's language. */
    public String describe() {
        return String.format(Locale.ROOT, Text.of(moment.when), kind.id, afterMillis / 1000.0);
    }
}
