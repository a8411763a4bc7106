package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.plumbing.Text;

import javax.annotation.Nullable;

/**
 * Something the runner ran differently from the script, and why: a setting it gave ({@code
 * execution.checkpointing.num-retained = 100}, where the script said {@code scriptValue}, null if
 * it said nothing), a path it resolved elsewhere, a call it replaced. The report lists them all:
 * a proof of a job the reader did not write is no proof of the script. The reason is shown in the
 * reader's language where {@link Text} has it.
 */
public record ChangedSetting(String setting, String value, @Nullable String scriptValue, String why) {

    /** {@code key = value (script: x; why)}. */
    public String describe() {
        return Text.format("%s = %s (%s; %s)", setting, value,
                scriptValue == null ? Text.of("not in the script") : Text.format("script: %s", scriptValue), Text.of(why));
    }
}
