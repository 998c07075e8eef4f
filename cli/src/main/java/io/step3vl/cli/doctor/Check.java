package io.step3vl.cli.doctor;

/**
 * One line of the doctor's report.
 *
 * @param name short label, e.g. {@code "engine"} or {@code "matmul gpu(0)"}
 * @param status how it went
 * @param detail what was found
 * @param advice what to do about a WARN or FAIL; null when OK
 */
public record Check(String name, Status status, String detail, String advice) {
    /** Outcome of a check; FAIL makes {@code doctor} exit non-zero. */
    public enum Status { OK, WARN, FAIL }

    static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, null);
    }

    static Check warn(String name, String detail, String advice) {
        return new Check(name, Status.WARN, detail, advice);
    }

    static Check fail(String name, String detail, String advice) {
        return new Check(name, Status.FAIL, detail, advice);
    }
}
