package com.example.checkpointdemo.runner;

import javax.annotation.Nullable;

/**
 * Something the runner ran differently from the script, and why: a setting it gave ({@code
 * execution.checkpointing.num-retained = 100}, where the script said {@code scriptValue}, null if
 * it said nothing), a path it resolved elsewhere, a call it replaced. The report lists them all:
 * a proof of a job the reader did not write is no proof of the script.
 */
public record ChangedSetting(String setting, String value, @Nullable String scriptValue, String why) {

    /** {@code key = value (script: x; why)}. */
    public String describe() {
        return setting + " = " + value + " (" + (scriptValue == null ? "not in the script" : "script: " + scriptValue)
                + "; " + why + ")";
    }
}
