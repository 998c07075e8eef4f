package io.step3vl.safetensors;

import java.util.Arrays;
import java.util.Optional;

/** Element types of the safetensors format, spelled as in the header ({@code "F32"}, {@code "BF16"}, ...). */
public enum DType {
    F64(8, true),
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    I64(8, false),
    I32(4, false),
    I16(2, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for F64/F32/F16/BF16, the types {@link TensorReader#readFloat} accepts. */
    public boolean isFloating() {
        return floating;
    }

    /** The type named {@code headerName} exactly as the header spells it, if this reader knows it. */
    public static Optional<DType> fromHeader(String headerName) {
        return Arrays.stream(values()).filter(d -> d.name().equals(headerName)).findFirst();
    }
}
