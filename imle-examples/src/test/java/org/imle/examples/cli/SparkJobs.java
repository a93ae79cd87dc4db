package org.imle.examples.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import scala.Option;

/** Watches the jobs of the next Spark context this JVM starts: proof that a run's solves went to Spark. */
final class SparkJobs {

    private SparkJobs() {
    }

    /**
     * Calls {@code atJob} with the count after each finished job of the next Spark context to start;
     * interrupt the returned daemon thread once the run is over.
     */
    static Thread watch(IntConsumer atJob) {
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                // private[spark] in Scala, public in bytecode
                Option<SparkContext> active = org.apache.spark.SparkContext$.MODULE$.getActive();
                if (active.isDefined()) {
                    AtomicInteger jobs = new AtomicInteger();
                    active.get().addSparkListener(new SparkListener() {
                        @Override
                        public void onJobEnd(SparkListenerJobEnd end) {
                            atJob.accept(jobs.incrementAndGet());
                        }
                    });
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "spark-job-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }
}
