package dev.ablate.bench;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak memory of what runs after {@link #start}, above what the process held before.
 *
 * <ul>
 *   <li>CPU: the process's peak resident set. {@code start} writes {@code 5} to {@code
 *       /proc/self/clear_refs}, which resets the peak ({@code VmHWM}) to the current resident set,
 *       and takes that as the baseline; {@code peakAboveBaseline} is {@code VmHWM} minus it. Only
 *       meaningful in a process that does nothing else, hence one fresh process per point. Where
 *       {@code /proc} is missing or the reset fails, memory is not measured ({@code null}).
 *   <li>GPU: the memory in use on the device (CUDA's free/total, through DJL). PyTorch's caching
 *       allocator keeps what it reserved, so the use after the point minus the use before is the
 *       peak reserved memory (at least the peak allocated, rounded up to the allocator's blocks).
 *       Other processes on the same GPU would count too.
 * </ul>
 */
abstract class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private Long baseline;

    /** Resets the peak (where the method has one to reset) before the baseline is taken. */
    abstract void reset() throws IOException;

    /** Bytes in use now (or, on the CPU, at the peak since the reset). */
    abstract long measure() throws IOException;

    /** Resets the peak and takes the baseline; false when memory cannot be measured here. */
    final boolean start() {
        try {
            reset();
            baseline = measure();
            return true;
        } catch (IOException | RuntimeException e) {
            baseline = null;
            return false;
        }
    }

    /** Peak bytes above the baseline since {@link #start}; {@code null} when not measured. */
    final Long peakAboveBaseline() {
        if (baseline == null) {
            return null;
        }
        try {
            return Math.max(0, measure() - baseline);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static MemoryProbe forDevice(Device device) {
        return device.isGpu() ? new Gpu(device) : new Resident();
    }

    /** How memory is measured on {@code device}, in words (bench.json's settings). */
    static String describe(Device device) {
        return device.isGpu()
                ? "gpu: device memory in use (CUDA) after the point minus before, in a fresh process per point: "
                        + "PyTorch's caching allocator keeps its blocks, so this is the peak reserved memory"
                : "cpu: peak resident memory (VmHWM) of a fresh process per point above its baseline after a tiny "
                        + "warm-up (peak reset through /proc/self/clear_refs); null where /proc is missing";
    }

    /** Peak resident set from {@code /proc/self/status}. */
    static final class Resident extends MemoryProbe {

        @Override
        void reset() throws IOException {
            Files.writeString(CLEAR_REFS, "5");
        }

        @Override
        long measure() throws IOException {
            return statusKilobytes("VmHWM") * 1024;
        }

        /** A {@code kB} line of {@code /proc/self/status}, e.g. {@code VmHWM:   123456 kB}. */
        static long statusKilobytes(String field) throws IOException {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
            throw new IOException(field + " is not in " + STATUS);
        }
    }

    /** Device memory in use, after emptying PyTorch's cache for the baseline. */
    static final class Gpu extends MemoryProbe {
        private final Device device;

        Gpu(Device device) {
            this.device = device;
        }

        @Override
        void reset() {
            emptyCudaCache();
        }

        @Override
        long measure() {
            return CudaUtils.getGpuMemory(device).getUsed();
        }

        /**
         * PyTorch's {@code torch.cuda.empty_cache()}, which DJL's PyTorch engine has but does not put
         * in its API: called reflectively, so this module does not depend on the engine. A no-op on
         * other engines.
         */
        private static void emptyCudaCache() {
            try {
                Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod("emptyCudaCache").invoke(null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // not the PyTorch engine: the baseline then includes its cache, if any
            }
        }
    }
}
