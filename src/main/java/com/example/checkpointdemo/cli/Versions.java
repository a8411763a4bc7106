package com.example.checkpointdemo.cli;

import org.apache.flink.configuration.Configuration;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code -V}: the project's version (from the build) and the Flink and Java it runs on. */
final class Versions implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        final Properties build = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/checkpoint-demo-version.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] {
            build.getProperty("name", "flink-sql-checkpoint-demo") + " " + build.getProperty("version", "(unknown version)"),
            // The Flink on the class path, from its jar's manifest (public, unlike EnvironmentInformation).
            "Apache Flink " + java.util.Objects.requireNonNullElse(Configuration.class.getPackage().getImplementationVersion(), "(unknown version)"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
