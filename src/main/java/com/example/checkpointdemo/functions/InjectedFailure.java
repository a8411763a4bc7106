package com.example.checkpointdemo.functions;

/** The exception the demo throws on purpose; reports count failures by this class name. */
public class InjectedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InjectedFailure(long value, int attemptNumber) {
        super(String.format("Injected failure at v=%d on attempt %d", value, attemptNumber));
    }

    /** A failure of another kind than the planned one ({@link FailNow}), {@code how} in its message. */
    public InjectedFailure(long value, int attemptNumber, String how) {
        super(String.format("Injected failure %s at v=%d on attempt %d", how, value, attemptNumber));
    }
}
