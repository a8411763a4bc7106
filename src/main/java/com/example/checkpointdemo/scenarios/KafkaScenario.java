package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.kafka.DemoTopics;

import java.nio.file.Path;

/** A lesson of the Kafka demo: it runs sql/kafka/checkpoint_demo.sql on a broker of the workspace's. */
abstract class KafkaScenario implements Scenario {

    @Override
    public Path script() {
        return DemoTopics.SCRIPT;
    }

    @Override
    public boolean needsKafka() {
        return true;
    }
}
