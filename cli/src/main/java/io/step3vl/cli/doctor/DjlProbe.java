package io.step3vl.cli.doctor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Everything the doctor asks DJL; the only class of the host that references DJL types. */
final class DjlProbe {
    /** 2x2 inputs whose product is known exactly in float32. */
    private static final float[] A = {1, 2, 3, 4};
    private static final float[] B = {5, 6, 7, 8};
    private static final float[] EXPECTED = {19, 22, 43, 50};

    private DjlProbe() {}

    /** Starts the default engine (loading its native library) and reports on it and the devices. */
    static List<Check> run() {
        List<Check> checks = new ArrayList<>();
        Engine engine;
        try {
            engine = Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            checks.add(Check.fail("engine", "no DJL engine could start: " + firstLine(e),
                    "the distribution needs ai.djl.pytorch:pytorch-engine, pytorch-jni and pytorch-native-cpu "
                            + "(classifier linux-x86_64) in lib/; rebuild with 'mvn -B package', or for a GPU see "
                            + "README 'GPU'"));
            return checks;
        }
        checks.add(Check.ok("engine", "DJL " + Engine.getDjlVersion() + ", " + engine.getEngineName() + " "
                + engine.getVersion()));
        checks.add(nativeLibrary(engine));
        checks.add(Check.ok("cpu", Runtime.getRuntime().availableProcessors() + " threads available to the JVM"));
        int gpus = engine.getGpuCount();
        if (gpus == 0) {
            String cuda = CudaUtils.hasCuda() ? "CUDA " + CudaUtils.getCudaVersionString()
                    + " runtime found, but the engine has no GPU support" : "no CUDA runtime";
            checks.add(Check.ok("gpu", "none (" + cuda + "); running on the CPU"));
        } else {
            for (int i = 0; i < gpus; i++) {
                checks.add(Check.ok("gpu(" + i + ")", describeGpu(i)));
            }
        }
        checks.add(matmul(engine, Device.cpu()));
        for (int i = 0; i < gpus; i++) {
            checks.add(matmul(engine, Device.gpu(i)));
        }
        return checks;
    }

    private static Check nativeLibrary(Engine engine) {
        if (!"PyTorch".equals(engine.getEngineName())) {
            return Check.ok("natives", "managed by engine " + engine.getEngineName());
        }
        try {
            return Check.ok("natives", ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
        } catch (RuntimeException | LinkageError e) {
            return Check.warn("natives", "path unknown: " + firstLine(e), "run 'step3vl doctor -v' for details");
        }
    }

    private static String describeGpu(int index) {
        StringBuilder text = new StringBuilder("CUDA ").append(CudaUtils.getCudaVersionString());
        try {
            text.append(", compute capability ").append(CudaUtils.getComputeCapability(index));
            MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(index));
            text.append(String.format(Locale.ROOT, ", %.1f GiB", memory.getMax() / (double) (1L << 30)));
        } catch (RuntimeException | LinkageError e) {
            text.append(" (details unavailable: ").append(firstLine(e)).append(')');
        }
        return text.toString();
    }

    /** Multiplies two 2x2 matrices on {@code device} and compares with the exact product. */
    private static Check matmul(Engine engine, Device device) {
        String name = "matmul " + device;
        try (NDManager manager = engine.newBaseManager(device)) {
            long start = System.nanoTime();
            NDArray a = manager.create(A, new Shape(2, 2)); // (2, 2)
            NDArray b = manager.create(B, new Shape(2, 2)); // (2, 2)
            float[] product = a.matMul(b).toFloatArray(); // (2, 2) flattened
            double millis = (System.nanoTime() - start) / 1e6;
            if (!Arrays.equals(product, EXPECTED)) {
                return Check.fail(name, "wrong result " + Arrays.toString(product) + ", expected "
                        + Arrays.toString(EXPECTED), "the native library on " + device
                        + " is broken; reinstall the distribution or try --device cpu");
            }
            return Check.ok(name, String.format(Locale.ROOT, "2x2 product correct (%.1f ms)", millis));
        } catch (RuntimeException | LinkageError e) {
            return Check.fail(name, "failed: " + firstLine(e), "device " + device + " is unusable; try --device cpu");
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
