package org.imle.examples.cli;

import picocli.CommandLine.Mixin;

/**
 * The base of every command that trains a model ({@code shortest-path}, {@code parse},
 * {@code ilp}, {@code dvae}, {@code explain}, {@code demo}): it gives each of them the shared
 * options, {@link TrainingOptions} ({@code --epochs --batch --lr}), {@link SeedOption},
 * {@link ThreadsOption}, {@link ExecutorOptions} and {@link OutputOption}, with the defaults of the command's
 * configuration ({@link #defaults()}). An option that every training command gains (checkpoints
 * and resuming, the network engine) is one more mixin here.
 */
public abstract class TrainingCommand extends Subcommand {

    /** {@code --epochs}, {@code --batch}, {@code --lr}. */
    @Mixin
    protected TrainingOptions training;

    /** {@code --seed}. */
    @Mixin
    protected SeedOption seed;

    /** {@code --threads}. */
    @Mixin
    protected ThreadsOption threads;

    /** {@code --executor}, {@code --spark-master}. */
    @Mixin
    protected ExecutorOptions executor;

    /** {@code --out}. */
    @Mixin
    protected OutputOption output;
}
