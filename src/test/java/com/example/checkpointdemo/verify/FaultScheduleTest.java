package com.example.checkpointdemo.verify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault schedule: from the seed alone, inside the window where a checkpoint exists, every moment and kind in turn. */
class FaultScheduleTest {

    /** A fault-free run of 10 s whose checkpoints completed every second from +1.0 s. */
    private static final ReferenceTimeline TEN_SECONDS = new ReferenceTimeline(10_000,
            List.of(1_000L, 2_000L, 3_000L, 4_000L, 5_000L, 6_000L, 7_000L, 8_000L, 9_000L));

    /** The faults of Flink's own processes: each script can have them. */
    private static final List<Fault.Kind> ALL = List.of(Fault.Kind.TM_KILL, Fault.Kind.TM_STOP, Fault.Kind.JM_KILL);

    @Test
    void theSameSeedReplaysTheSameScheduleAndAnotherSeedDoesNot() {
        final FaultSchedule once = FaultSchedule.plan(42, 6, ALL, TEN_SECONDS);

        assertThat(FaultSchedule.plan(42, 6, ALL, TEN_SECONDS)).isEqualTo(once);
        assertThat(FaultSchedule.plan(43, 6, ALL, TEN_SECONDS).faults()).isNotEqualTo(once.faults());
    }

    @Test
    void everyFaultLandsAfterTheFirstCheckpointWithinWhatTheReferenceRanOnAfterIt() {
        // The reference's first checkpoint at +1 s, its end at +10 s: it ran on 9 s, of which a fault takes three quarters.
        for (long seed = 0; seed < 50; seed++) {
            assertThat(FaultSchedule.plan(seed, 3, ALL, TEN_SECONDS).faults()).allSatisfy(fault ->
                    assertThat(fault.afterMillis()).isBetween(FaultSchedule.MARGIN_MILLIS, 6_750L));
        }
    }

    @Test
    void threeRunsMeetEveryMomentAndTheKindsTakeTurns() {
        final FaultSchedule schedule = FaultSchedule.plan(7, 3, ALL, TEN_SECONDS);

        assertThat(schedule.faults()).extracting(Fault::moment).containsExactlyInAnyOrder(Fault.Moment.values());
        assertThat(schedule.faults()).extracting(Fault::kind).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(FaultSchedule.plan(7, 2, List.of(Fault.Kind.TM_KILL), TEN_SECONDS).faults())
                .extracting(Fault::kind).containsOnly(Fault.Kind.TM_KILL);
    }

    @Test
    void overKindsTimesMomentsRunsEveryPairComesOnce() {
        for (List<Fault.Kind> kinds : List.of(List.of(Fault.Kind.TM_KILL), List.of(Fault.Kind.TM_KILL, Fault.Kind.TM_STOP), ALL)) {
            final List<Fault> faults = FaultSchedule.plan(11, kinds.size() * 3, kinds, TEN_SECONDS).faults();

            assertThat(faults).extracting(fault -> fault.kind() + " " + fault.moment()).as(kinds.toString())
                    .doesNotHaveDuplicates().hasSize(kinds.size() * 3);
        }
    }

    @Test
    void aRunWithoutACheckpointOrWithoutRoomForAFaultIsNotExercisable() {
        final FaultSchedule noCheckpoint = FaultSchedule.plan(1, 3, ALL, new ReferenceTimeline(10_000, List.of()));
        final FaultSchedule tooShort = FaultSchedule.plan(1, 3, ALL, new ReferenceTimeline(1_500, List.of(900L)));

        assertThat(noCheckpoint.faults()).isEmpty();
        assertThat(noCheckpoint.notExercisable()).startsWith("the fault-free run completed no checkpoint in its 10.0 s");
        assertThat(tooShort.notExercisable()).startsWith("the fault-free run took 1.5 s and completed its first checkpoint at +0.9 s")
                .contains("--pace");
    }

    @Test
    void faultsAreNamedAsTheReportPrintsThem() {
        assertThat(new Fault(Fault.Kind.TM_STOP, Fault.Moment.CHECKPOINT_IN_PROGRESS, 4_200).describe())
                .isEqualTo("tm-stop while the checkpoint it triggers 4.2 s after the first is in progress");
        assertThat(new Fault(Fault.Kind.TM_KILL, Fault.Moment.AT_A_RANDOM_TIME, 1_500).describe())
                .isEqualTo("tm-kill 1.5 s after the first checkpoint");
        assertThat(Fault.Kind.parse("tm-kill, JM-KILL")).containsExactly(Fault.Kind.TM_KILL, Fault.Kind.JM_KILL);
    }
}
