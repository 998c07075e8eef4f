package io.step3vl.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Preprocessing throughput on one thread: a 1920x1080 JPEG file into the global view and its 8 local crops
 * (decode, cap/canvas PIL resizes, normalisation, float resizes). Not a test; run it with
 * {@code bench/image-preprocess.sh}. Arguments: {@code [seconds-to-measure] [jpeg-file]}; without a file a
 * seeded synthetic photo-like picture (gradients, shapes, noise) is written to a temp file.
 */
public final class PreprocessBenchmark {
    private PreprocessBenchmark() {}

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        Path jpeg = args.length > 1 ? Path.of(args[1]) : syntheticJpeg();
        ImageDecoder decoder = ImageDecoder.withDefaults();
        ImageProcessor processor = ImageProcessor.release(new ImageTokenIds(151679, 151680, 151681, 151689,
                151690, 151691));

        RgbImage probe = decoder.decode(jpeg);
        CropPlan plan = processor.plan(probe.width(), probe.height());
        System.out.printf("input %s: %dx%d, %d bytes; plan: window %d, canvas %dx%d, %d crops, %d tokens%n",
                jpeg.getFileName(), probe.width(), probe.height(), Files.size(jpeg), plan.window(),
                plan.canvasWidth(), plan.canvasHeight(), plan.numCrops(), processor.layout().count(plan));

        // warm-up: let the JIT compile the loops before anything is timed
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            processor.process(decoder.decode(jpeg));
        }

        // Wall time is what a user sees but is inflated on a busy machine; the thread's CPU time is not
        // (one thread, nothing blocks), so both are reported.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int capacity = 10_000;
        double[] wall = new double[capacity];
        double[] cpu = new double[capacity];
        double[] decodeCpu = new double[capacity];
        double[] canvasCpu = new double[capacity];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        double checksum = 0;
        while (System.nanoTime() < end && n < capacity) {
            long w0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            RgbImage image = decoder.decode(jpeg);
            long c1 = threads.getCurrentThreadCpuTime();
            ProcessedImage out = processor.process(image);
            long c2 = threads.getCurrentThreadCpuTime();
            long w2 = System.nanoTime();
            checksum += out.globalPixels()[12345] + out.cropPixels()[54321];
            // the uint8 canvas alone, to split the processor's time (not part of the per-image figures)
            long c3 = threads.getCurrentThreadCpuTime();
            ImageProcessor.cropCanvas(ImageProcessor.baseImage(image, out.plan()), out.plan());
            long c4 = threads.getCurrentThreadCpuTime();
            wall[n] = (w2 - w0) / 1e6;
            cpu[n] = (c2 - c0) / 1e6;
            decodeCpu[n] = (c1 - c0) / 1e6;
            canvasCpu[n] = (c4 - c3) / 1e6;
            n++;
        }
        double cpuMedian = median(cpu, n);
        double wallMedian = median(wall, n);
        System.out.printf("%d images measured, one thread%n", n);
        System.out.printf("per image, CPU time: median %.1f ms = %.1f images/s%n", cpuMedian, 1000 / cpuMedian);
        System.out.printf("per image, wall time: median %.1f ms = %.1f images/s%n", wallMedian, 1000 / wallMedian);
        System.out.printf("  CPU decode (javax.imageio JPEG -> RGB): median %.1f ms%n", median(decodeCpu, n));
        System.out.printf("  CPU uint8 crop canvas (PIL bilinear to %dx%d): median %.1f ms%n", plan.canvasWidth(),
                plan.canvasHeight(), median(canvasCpu, n));
        System.out.printf("  CPU rest (global view, crop cut + normalisation): median %.1f ms%n",
                cpuMedian - median(decodeCpu, n) - median(canvasCpu, n));
        System.out.printf("(checksum %.3f)%n", checksum);
    }

    private static double median(double[] values, int n) {
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A seeded 1920x1080 picture with smooth and sharp content, saved as quality-90 JPEG. */
    private static Path syntheticJpeg() throws IOException {
        BufferedImage image = new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), 1920, 1080, new Color(240, 200, 120)));
        g.fillRect(0, 0, 1920, 1080);
        Random random = new Random(20250101);
        g.setStroke(new BasicStroke(3));
        for (int i = 0; i < 300; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 160));
            int x = random.nextInt(1920);
            int y = random.nextInt(1080);
            int w = 10 + random.nextInt(200);
            int h = 10 + random.nextInt(200);
            if (i % 3 == 0) {
                g.fillOval(x, y, w, h);
            } else if (i % 3 == 1) {
                g.fillRect(x, y, w, h);
            } else {
                g.drawLine(x, y, x + w, y + h);
            }
        }
        g.dispose();
        var raster = image.getRaster();
        for (int y = 0; y < 1080; y++) {
            for (int x = 0; x < 1920; x++) {
                for (int c = 0; c < 3; c++) {
                    int v = raster.getSample(x, y, c) + random.nextInt(17) - 8;
                    raster.setSample(x, y, c, Math.max(0, Math.min(255, v)));
                }
            }
        }
        Path file = Files.createTempFile("bench-1920x1080-", ".jpg");
        file.toFile().deleteOnExit();
        Files.write(file, ImageFiles.jpeg(image, 0.9f));
        return file;
    }
}
