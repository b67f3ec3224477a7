package dev.ablate.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.ablate.core.error.UserException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a {@code --device} value ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}) into a DJL device. */
public final class Devices {

    public static final String USAGE = "auto, cpu, gpu or gpu:N";

    private static final Pattern GPU_INDEX = Pattern.compile("gpu:(\\d+)");

    private Devices() {}

    /** Resolves {@code choice} against the GPUs the PyTorch engine sees. */
    public static Device select(String choice) {
        return select(choice, Engine.getInstance().getGpuCount());
    }

    /**
     * Resolves {@code choice} against {@code gpuCount} visible GPUs: {@code auto} takes the first GPU
     * when there is one and the CPU otherwise; asking for a GPU that is not there is an error, never
     * a silent fall back to the CPU.
     */
    public static Device select(String choice, int gpuCount) {
        String c = choice.trim().toLowerCase(Locale.ROOT);
        if (c.equals("auto")) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (c.equals("cpu")) {
            return Device.cpu();
        }
        if (c.equals("gpu")) {
            return gpu(0, gpuCount, choice);
        }
        Matcher m = GPU_INDEX.matcher(c);
        if (m.matches()) {
            return gpu(Integer.parseInt(m.group(1)), gpuCount, choice);
        }
        throw new UserException("unknown device '" + choice + "'; expected " + USAGE);
    }

    private static Device gpu(int index, int gpuCount, String choice) {
        if (gpuCount == 0) {
            throw new UserException("device '" + choice + "': PyTorch sees no GPU here (CPU natives, or no CUDA "
                    + "driver); use --device cpu or auto");
        }
        if (index >= gpuCount) {
            throw new UserException("device '" + choice + "': PyTorch sees " + gpuCount + " GPU(s), gpu:0 to gpu:"
                    + (gpuCount - 1));
        }
        return Device.gpu(index);
    }

    /** {@code cpu} or {@code gpu:N}, the spelling {@code --device} accepts. */
    public static String describe(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
