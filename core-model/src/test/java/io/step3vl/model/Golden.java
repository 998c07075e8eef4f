package io.step3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.safetensors.SafetensorsFile;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Access to the golden cases copied into test resources, and the tolerance check their README states. */
final class Golden {
    static final double ACT_ATOL = 1e-4;
    static final double ACT_RTOL = 1e-3;
    static final double LOGIT_ATOL = 1e-3;
    static final double LOGIT_RTOL = 1e-3;

    private Golden() {}

    static Path dir(String caseName) {
        try {
            return Path.of(Golden.class.getClassLoader().getResource("golden/" + caseName).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing golden case " + caseName, e);
        }
    }

    static NDArray floats(NDManager m, SafetensorsFile f, String name) {
        return m.create(f.readFloat(name), new Shape(f.info(name).shape()));
    }

    static NDArray longs(NDManager m, SafetensorsFile f, String name) {
        return m.create(f.readLong(name), new Shape(f.info(name).shape()));
    }

    /** |actual − expected| ≤ atol + rtol·|expected| element-wise, with the worst element in the message. */
    static void assertClose(String name, NDArray actual, SafetensorsFile expected, double atol, double rtol) {
        float[] want = expected.readFloat(name);
        assertThat(actual.getShape().getShape()).as(name + " shape").containsExactly(expected.info(name).shape());
        float[] got = actual.toType(DataType.FLOAT32, false).toFloatArray();
        double worst = -1;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            double excess = Math.abs(got[i] - want[i]) - (atol + rtol * Math.abs(want[i]));
            if (Double.isNaN(got[i]) || excess > worst) {
                worst = Double.isNaN(got[i]) ? Double.POSITIVE_INFINITY : excess;
                at = i;
            }
        }
        assertThat(worst).as("%s: worst element %d got %s expected %s", name, at, got[at], want[at]).isLessThanOrEqualTo(0);
    }

    static void assertActivation(String name, NDArray actual, SafetensorsFile expected) {
        assertClose(name, actual, expected, ACT_ATOL, ACT_RTOL);
    }
}
