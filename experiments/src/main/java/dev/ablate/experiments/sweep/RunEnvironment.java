package dev.ablate.experiments.sweep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.ablate.store.RunResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where runs train and with what software, recorded with every result.
 *
 * @param device the device every run of the sweep trains on
 * @param ablateVersion this build's version
 */
public record RunEnvironment(Device device, String ablateVersion) {

    /** Ablate, DJL, PyTorch and JDK versions. */
    public Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("ablate", ablateVersion);
        versions.put("djl", Engine.getDjlVersion());
        versions.put("pytorch", Engine.getInstance().getVersion());
        versions.put("jdk", System.getProperty("java.version"));
        return versions;
    }

    /** The device and versions, as a result records them. */
    public RunResult.Environment recorded() {
        return new RunResult.Environment(device.toString(), versions());
    }
}
