package io.devreg.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far an import is: rows done of the total, rows per second and the time left. A bar on a
 * terminal; plain lines, at most one every {@link Lines#INTERVAL}, when the output goes to a file or
 * a pipe, where a redrawn bar would be noise.
 */
interface ImportProgress extends AutoCloseable {

    /** {@code rows} more rows are done. */
    void advance(long rows);

    /** The import ended: the last state is shown. */
    @Override
    void close();

    /** A bar on the process's stdout, which is a terminal. {@code total} is an estimate (the file's lines). */
    static ImportProgress bar(long total) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName("import").setInitialMax(total)
                .setUnit(" rows", 1).showSpeed().setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.out)).build();
        return new ImportProgress() {
            @Override
            public void advance(long rows) {
                bar.stepBy(rows);
            }

            @Override
            public void close() {
                bar.maxHint(bar.getCurrent()); // blank lines were counted in the estimate
                bar.close();
            }
        };
    }

    /** Plain lines on {@code out}; {@code nanoTime} is the clock. */
    static ImportProgress lines(PrintWriter out, long total, LongSupplier nanoTime) {
        return new Lines(out, total, nanoTime);
    }

    /** Progress as plain lines: {@code import: 20000/100000 rows (20%), 9500 rows/s, about 8 s left}. */
    final class Lines implements ImportProgress {

        /** The least time between two lines. */
        static final Duration INTERVAL = Duration.ofSeconds(2);

        private final PrintWriter out;
        private final long total;
        private final LongSupplier nanoTime;
        private final long start;
        private long done;
        private long lastLine;
        private long shown = -1;

        Lines(PrintWriter out, long total, LongSupplier nanoTime) {
            this.out = out;
            this.total = total;
            this.nanoTime = nanoTime;
            this.start = nanoTime.getAsLong();
            this.lastLine = start;
        }

        @Override
        public void advance(long rows) {
            done += rows;
            long now = nanoTime.getAsLong();
            if (now - lastLine >= INTERVAL.toNanos()) {
                lastLine = now;
                print(now);
            }
        }

        /** Prints the last state, unless the last line shows it already. */
        @Override
        public void close() {
            if (shown != done) {
                print(nanoTime.getAsLong());
            }
        }

        private void print(long now) {
            shown = done;
            long of = Math.max(total, done);
            double seconds = Math.max(now - start, 1) / 1e9;
            long perSecond = Math.round(done / seconds);
            long left = perSecond == 0 ? 0 : (of - done + perSecond - 1) / perSecond;
            out.printf("import: %d/%d rows (%d%%), %d rows/s, about %d s left%n", done, of,
                    of == 0 ? 100 : done * 100 / of, perSecond, left);
            out.flush();
        }
    }
}
