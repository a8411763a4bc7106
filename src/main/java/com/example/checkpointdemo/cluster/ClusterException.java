package com.example.checkpointdemo.cluster;

/** Something about the local cluster a user can act on: a busy port, a dead process, no cluster. */
public class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }
}
