package io.step3vl.train.loop;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param status      COMPLETED, DATA_EXHAUSTED, or STOPPED (a signal; {@code signal} names it)
 * @param step        optimiser steps done in total
 * @param checkpoint  the last checkpoint written
 * @param lastLoss    the last finite step loss (NaN if none)
 * @param skippedSteps steps skipped for a non-finite loss
 */
public record TrainResult(Status status, String signal, long step, Path checkpoint, double lastLoss, long skippedSteps) {
    public enum Status { COMPLETED, DATA_EXHAUSTED, STOPPED }
}
