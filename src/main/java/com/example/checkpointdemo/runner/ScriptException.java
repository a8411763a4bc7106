package com.example.checkpointdemo.runner;

/** A script that cannot run as written; the message names the file and line and says why. */
public class ScriptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
