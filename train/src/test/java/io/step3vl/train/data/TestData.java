package io.step3vl.train.data;

import com.github.luben.zstd.ZstdOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes small JSONL files, images and WebDataset shards for the data tests. */
public final class TestData {
    private TestData() {}

    /** A tiny PNG whose top-left pixel encodes {@code n}, so images are distinguishable. */
    public static byte[] png(int n) {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, n & 0xFFFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An SFT record asking about image {@code images/i.png}. */
    public static String sftLine(int i) {
        return "{\"id\":\"s" + i + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"image\":"
                + "\"images/" + i + ".png\"},{\"type\":\"text\",\"text\":\"q" + i + "\"}]},{\"role\":\"assistant\","
                + "\"content\":\"a" + i + "\",\"reasoning_content\":\"r" + i + "\"}]}";
    }

    public static String textLine(String text) {
        return "{\"text\":\"" + text + "\"}";
    }

    /** {@code dir/name} with SFT records {@code from..to-1} and their images under {@code dir/images}. */
    public static Path sftJsonl(Path dir, String name, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add(sftLine(i));
            write(dir.resolve("images/" + i + ".png"), png(i));
        }
        return writeLines(dir.resolve(name), lines);
    }

    /** Text records "t{from}".."t{to-1}" in {@code dir/name} (.jsonl, .jsonl.gz or .jsonl.zst). */
    public static Path textJsonl(Path dir, String name, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add(textLine("t" + i));
        }
        return writeLines(dir.resolve(name), lines);
    }

    public static Path writeLines(Path file, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes, compressing by the name's suffix (.gz, .zst). */
    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = compress(file, Files.newOutputStream(file))) {
                out.write(bytes);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WebDataset shard: key → (extension → bytes), in order; compressed by the name (.tar, .tar.gz, .tar.zst). */
    public static Path shard(Path file, Map<String, Map<String, byte[]>> samples) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compress(file, Files.newOutputStream(file)))) {
                for (Map.Entry<String, Map<String, byte[]>> s : samples.entrySet()) {
                    for (Map.Entry<String, byte[]> m : s.getValue().entrySet()) {
                        TarArchiveEntry e = new TarArchiveEntry(s.getKey() + "." + m.getKey());
                        e.setSize(m.getValue().length);
                        tar.putArchiveEntry(e);
                        tar.write(m.getValue());
                        tar.closeArchiveEntry();
                    }
                }
                tar.finish();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shard of SFT samples {@code from..to-1}: {@code key.png} + {@code key.json} referring to it. */
    public static Path sftShard(Path file, int from, int to) {
        Map<String, Map<String, byte[]>> samples = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            String key = "k" + i;
            Map<String, byte[]> m = new LinkedHashMap<>();
            m.put("png", png(i));
            m.put("json", sftLine(i).replace("images/" + i + ".png", key + ".png").getBytes(StandardCharsets.UTF_8));
            samples.put(key, m);
        }
        return shard(file, samples);
    }

    private static OutputStream compress(Path file, OutputStream raw) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".gz")) {
            return new GZIPOutputStream(raw);
        }
        if (name.endsWith(".zst")) {
            return new ZstdOutputStream(raw);
        }
        return raw;
    }

    /** A sample's identity for comparisons: origin plus its first text. */
    public static String id(Sample s) {
        String text;
        if (s instanceof Sample.Text t) {
            text = t.text();
        } else if (s instanceof Sample.Document d) {
            text = d.parts().toString();
        } else {
            Sample.Chat c = (Sample.Chat) s;
            text = c.turns().get(0).text() + "|" + c.turns().get(c.turns().size() - 1).text();
        }
        return s.origin().file().replaceAll(".*/", "") + "#" + s.origin().location() + "=" + text;
    }

    /** Drains a stream, closing it. */
    public static List<Sample> drain(SampleStream stream, int limit) {
        List<Sample> out = new ArrayList<>();
        Sample s;
        while (out.size() < limit && (s = stream.next()) != null) {
            out.add(s);
        }
        return out;
    }
}
