package io.step3vl.train.data.source;

import io.step3vl.common.UserError;
import io.step3vl.train.data.MixturePosition;
import io.step3vl.train.data.ParallelPosition;
import io.step3vl.train.data.ReaderPosition;
import io.step3vl.train.data.SampleStream;
import io.step3vl.train.data.StreamPosition;
import io.step3vl.train.data.read.BadRecords;
import io.step3vl.train.data.read.DataFile;
import io.step3vl.train.data.read.DataFiles;
import io.step3vl.train.data.read.DataReader;
import io.step3vl.train.data.read.ParallelReader;
import io.step3vl.train.data.read.ReaderOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a run's sample stream from its sources: one source is read directly, several are mixed by
 * weight; each source is read by {@code workers} threads (1: on the caller's thread). Pass the
 * position saved in a checkpoint to continue exactly where it stopped.
 *
 * <pre>{@code
 * BadRecords bad = new BadRecords(maxBad, ctx::warn);
 * try (SampleStream data = DataLoader.open(sources, options, 2, MixedStream.Mode.INTERLEAVE, bad, saved)) {
 *     Sample s = data.next();                  // ... train ...
 *     StreamPosition p = data.position();      // save with the checkpoint: p.toJson()
 * }
 * }</pre>
 */
public final class DataLoader {
    /** Samples each worker may read ahead of the trainer. */
    private static final int PREFETCH = 64;

    private DataLoader() {}

    /**
     * @param base    reader options shared by all sources (each source gets its own name and a seed
     *                derived from {@code base.seed()} and its index; {@code kind} comes from the spec)
     * @param workers reader threads per source (1: no threads)
     * @param from    a saved position, or null to start
     */
    public static SampleStream open(List<SourceSpec> sources, ReaderOptions base, int workers, MixedStream.Mode mode,
                                    BadRecords bad, StreamPosition from) {
        if (sources.isEmpty()) {
            throw new UserError("data: no sources given");
        }
        if (sources.size() == 1 && from instanceof MixturePosition mixed) {
            throw new UserError("--data: the checkpoint's data position is for " + mixed.components().size()
                    + " mixed sources, now 1 is given; resume with the run's own --data sources (or use a new --out)");
        }
        if (sources.size() == 1) {
            return openSource(sources.get(0), options(base, sources.get(0), 0), workers, bad, from);
        }
        if (from != null && !(from instanceof MixturePosition)) {
            throw new UserError("--data: the checkpoint's data position is for a single source, now " + sources.size()
                    + " are mixed; resume with the run's own --data sources (or use a new --out)");
        }
        MixturePosition mix = (MixturePosition) from;
        if (mix != null && mix.components().size() != sources.size()) {
            throw new UserError("--data: the checkpoint's data position is for " + mix.components().size()
                    + " mixed sources, now " + sources.size() + " are given; resume with the run's own --data sources "
                    + "(or use a new --out)");
        }
        List<MixedStream.Component> components = new ArrayList<>();
        try {
            for (int i = 0; i < sources.size(); i++) {
                SourceSpec s = sources.get(i);
                SampleStream stream = openSource(s, options(base, s, i), workers, bad,
                        mix == null ? null : mix.components().get(i));
                components.add(new MixedStream.Component(s.name(), s.weight(), stream));
            }
        } catch (RuntimeException e) {
            components.forEach(c -> c.stream().close());
            throw e;
        }
        return new MixedStream(components, mode, base.seed(), mix);
    }

    private static ReaderOptions options(ReaderOptions base, SourceSpec s, int index) {
        return base.toBuilder().source(s.name()).kind(s.kind()).seed(base.seed() * 1_000_003L + index).build();
    }

    private static SampleStream openSource(SourceSpec spec, ReaderOptions options, int workers, BadRecords bad,
                                           StreamPosition from) {
        List<DataFile> files = DataFiles.expand(spec.paths());
        if (workers <= 1) {
            if (from != null && !(from instanceof ReaderPosition)) {
                throw new UserError("data position: saved with parallel data workers, now 1 worker");
            }
            return new DataReader(files, options, bad, (ReaderPosition) from);
        }
        if (from != null && !(from instanceof ParallelPosition)) {
            throw new UserError("data position: saved with 1 data worker, now " + workers);
        }
        return new ParallelReader(files, options, workers, PREFETCH, bad, (ParallelPosition) from);
    }
}
