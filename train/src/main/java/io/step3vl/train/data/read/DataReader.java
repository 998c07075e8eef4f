package io.step3vl.train.data.read;

import io.step3vl.common.UserError;
import io.step3vl.train.data.Origin;
import io.step3vl.train.data.ReaderPosition;
import io.step3vl.train.data.RecordLocation;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.SampleStream;
import io.step3vl.train.data.SplitMix64;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Streams typed samples from JSONL files and WebDataset shards with constant memory: one record
 * at a time plus a shuffle buffer of {@code shuffleBuffer} samples (their images stay on disk).
 *
 * <p>Each epoch reads the files in a seeded order; the buffer emits a random held sample as each new
 * one arrives, and drains at the end of the epoch, so epochs never mix. Workers split the data by
 * record or by file ({@link ShardBy}). Bad records go to the shared {@link BadRecords} budget.
 *
 * <p>{@link #position()} captures everything needed to continue exactly: the epoch, the file slot
 * and record to read next, the shuffle generator's state and the buffered records' locations (a
 * restored reader re-reads those few records). Nothing is replayed from the start of the epoch.
 */
public final class DataReader implements SampleStream {
    private final List<DataFile> files;
    private final ReaderOptions options;
    private final BadRecords bad;
    private final RecordParser parser;
    private final String fingerprint;
    private final int capacity;
    private final ImageResolver[] fileResolvers;

    private int epoch;
    private int[] order;
    private int slot;
    private RecordReader current;
    private RecordLocation resumeAt;
    private long rawIndex;
    private SplitMix64 rng;
    private final List<Sample> buffer = new ArrayList<>();
    private final List<RecordLocation> locations = new ArrayList<>();
    private RecordLocation lastLocation;
    private long epochSamples;
    private long emitted;
    private long badSeen;
    private boolean finished;

    /** A reader at the start of the first epoch. */
    public DataReader(List<DataFile> files, ReaderOptions options, BadRecords bad) {
        this(files, options, bad, null);
    }

    /** A reader continuing from {@code from} (null: from the start). */
    public DataReader(List<DataFile> files, ReaderOptions options, BadRecords bad, ReaderPosition from) {
        if (files.isEmpty()) {
            throw new UserError("data: no data files given");
        }
        this.files = List.copyOf(files);
        this.options = options;
        this.bad = bad;
        this.parser = new RecordParser(options.kind());
        this.fingerprint = fingerprint(this.files, options);
        this.capacity = options.shuffleBuffer();
        this.fileResolvers = new ImageResolver[this.files.size()];
        if (from == null) {
            startEpoch(0);
        } else {
            restore(from);
        }
    }

    /** Expands {@code paths} (files and directories) and opens a reader at the start. */
    public static DataReader open(List<Path> paths, ReaderOptions options, BadRecords bad) {
        return new DataReader(DataFiles.expand(paths), options, bad);
    }

    public List<DataFile> files() {
        return files;
    }

    public ReaderOptions options() {
        return options;
    }

    /** The current epoch (0-based). */
    public int epoch() {
        return epoch;
    }

    @Override
    public Sample next() {
        while (true) {
            if (finished) {
                return null;
            }
            if (slot < files.size()) {
                Sample s = readOne();
                if (s == null) {
                    continue; // the epoch's files are done: drain below
                }
                if (capacity <= 1) {
                    emitted++;
                    return s;
                }
                if (buffer.size() < capacity) {
                    buffer.add(s);
                    locations.add(lastLocation);
                    continue;
                }
                int j = rng.nextInt(capacity);
                Sample out = buffer.get(j);
                buffer.set(j, s);
                locations.set(j, lastLocation);
                emitted++;
                return out;
            }
            if (!buffer.isEmpty()) {
                int j = rng.nextInt(buffer.size());
                Sample out = buffer.get(j);
                int last = buffer.size() - 1;
                buffer.set(j, buffer.get(last));
                locations.set(j, locations.get(last));
                buffer.remove(last);
                locations.remove(last);
                emitted++;
                return out;
            }
            endEpoch();
        }
    }

    @Override
    public ReaderPosition position() {
        RecordLocation next = null;
        if (slot < files.size()) {
            next = current != null ? current.nextLocation()
                    : resumeAt != null ? resumeAt : RecordReader.start(order[slot], files.get(order[slot]));
        }
        return new ReaderPosition(fingerprint, epoch, slot, next, rawIndex, rng.state(), locations, epochSamples,
                emitted, badSeen, finished);
    }

    /** The next good sample of this worker's share of the epoch, or null when the epoch's files are done. */
    private Sample readOne() {
        int workers = options.workers();
        while (slot < files.size()) {
            if (options.shardBy() == ShardBy.FILE && slot % workers != options.worker()) {
                slot++;
                resumeAt = null; // a saved location belongs to the slot it was saved at
                continue;
            }
            int fileIndex = order[slot];
            DataFile file = files.get(fileIndex);
            RawRecord r;
            try {
                if (current == null) {
                    RecordLocation start = resumeAt != null ? resumeAt : RecordReader.start(fileIndex, file);
                    resumeAt = null;
                    current = RecordReader.open(file, fileIndex, start, options.maxRecordBytes());
                }
                r = current.next();
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                    closeCurrent(); // a worker thread being shut down, not a bad file
                    throw new CancellationException("data reader interrupted");
                }
                // a corrupt or truncated file: count it once and move on to the next file
                String where = current == null ? "opening" : "after record " + current.nextLocation().ordinal();
                closeCurrent();
                slot++;
                badSeen++;
                bad.report(new Origin(options.source(), file.toString(), where),
                        "unreadable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                continue;
            }
            if (r == null) {
                closeCurrent();
                slot++;
                continue;
            }
            if (options.shardBy() == ShardBy.RECORD && rawIndex++ % workers != options.worker()) {
                continue;
            }
            try {
                Sample s = parse(r);
                epochSamples++;
                lastLocation = r.location();
                return s;
            } catch (BadRecordException e) {
                badSeen++;
                bad.report(origin(r), e.getMessage());
            }
        }
        return null;
    }

    private void endEpoch() {
        if (epochSamples == 0) {
            if (options.workers() == 1) {
                throw new UserError("data: no usable records in " + describeFiles() + " (epoch " + epoch + ")");
            }
            finished = true; // more workers than records: this one has nothing
            return;
        }
        if (options.epochs() > 0 && epoch + 1 >= options.epochs()) {
            finished = true;
            return;
        }
        startEpoch(epoch + 1);
    }

    private void startEpoch(int e) {
        epoch = e;
        order = fileOrder(e);
        slot = 0;
        rawIndex = 0;
        epochSamples = 0;
        resumeAt = null;
        rng = SplitMix64.of(options.seed(), e, options.worker(), options.workers(), 0xB0FFE4L);
    }

    /** The file order of epoch {@code e}: the same for every worker, so their shards partition it. */
    private int[] fileOrder(int e) {
        int[] o = new int[files.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        if (options.shuffleFiles()) {
            SplitMix64 r = SplitMix64.of(options.seed(), e, 0xF11E5L);
            for (int i = o.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
        }
        return o;
    }

    private void restore(ReaderPosition from) {
        if (!fingerprint.equals(from.fingerprint())) {
            throw new UserError("data position: saved for other data files or reader options (fingerprint "
                    + from.fingerprint() + ", now " + fingerprint + "); resume with the same data and options");
        }
        epoch = from.epoch();
        order = fileOrder(epoch);
        slot = from.slot();
        rawIndex = from.rawIndex();
        rng = new SplitMix64(from.rngState());
        epochSamples = from.epochSamples();
        emitted = from.emitted();
        badSeen = from.badRecords();
        finished = from.finished();
        bad.restore(badSeen);
        if (slot < 0 || slot > files.size()) {
            throw new UserError("data position: file slot " + slot + " out of range for " + files.size() + " files");
        }
        if (slot < files.size()) {
            if (from.next() == null || from.next().file() != order[slot]) {
                throw new UserError("data position: next record is not in the file of slot " + slot);
            }
            resumeAt = from.next();
        }
        Map<RecordLocation, RawRecord> records = RecordFetcher.fetch(files, from.buffer(), options.maxRecordBytes());
        for (RecordLocation loc : from.buffer()) {
            RawRecord r = records.get(loc);
            if (r == null) {
                throw new UserError("data position: " + files.get(loc.file()) + ": record " + loc.ordinal()
                        + " no longer exists; the data changed since the position was saved");
            }
            try {
                buffer.add(parse(r));
                locations.add(loc);
            } catch (BadRecordException e) {
                throw new UserError(origin(r) + ": " + e.getMessage() + " (this record was good when the position "
                        + "was saved: the data changed)");
            }
        }
    }

    private Sample parse(RawRecord r) throws BadRecordException {
        if (r.defect() != null) {
            throw new BadRecordException(r.defect());
        }
        Origin origin = origin(r);
        if (r.json() != null) {
            return parser.parseJson(r.json(), resolverFor(r.location().file()), origin);
        }
        return parser.parseMembers(r.key(), r.members(),
                ImageResolver.members(r.key(), r.members(), options.imageCheck()), origin);
    }

    private Origin origin(RawRecord r) {
        return new Origin(options.source(), files.get(r.location().file()).toString(), r.where());
    }

    private ImageResolver resolverFor(int fileIndex) {
        ImageResolver resolver = fileResolvers[fileIndex];
        if (resolver == null) {
            Path dir = files.get(fileIndex).path().toAbsolutePath().getParent();
            resolver = ImageResolver.files(dir, options.imageCheck());
            fileResolvers[fileIndex] = resolver;
        }
        return resolver;
    }

    private String describeFiles() {
        return files.size() == 1 ? files.get(0).toString() : files.size() + " files (" + files.get(0) + ", ...)";
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // read-only stream: nothing to lose
            }
            current = null;
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }

    /**
     * Names and sizes of the files plus every option that decides the order of samples — not the
     * number of epochs, so a finished run can be resumed for more.
     */
    static String fingerprint(List<DataFile> files, ReaderOptions o) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (DataFile f : files) {
                long size;
                try {
                    size = Files.size(f.path());
                } catch (IOException e) {
                    throw UserError.at(f.path(), "cannot read: " + e.getMessage());
                }
                digest.update((f.path().getFileName() + ":" + size + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String opts = o.seed() + "|" + o.shuffleBuffer() + "|" + o.shuffleFiles() + "|" + o.worker() + "/"
                    + o.workers() + "|" + o.shardBy() + "|" + o.kind();
            digest.update(opts.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
