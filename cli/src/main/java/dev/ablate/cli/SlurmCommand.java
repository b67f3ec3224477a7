package dev.ablate.cli;

import picocli.CommandLine.Command;

/** {@code ablate slurm}: sweeps on a Slurm cluster; so far {@code slurm submit}. */
@Command(
        name = "slurm",
        header = "Run a sweep on a Slurm cluster.",
        description = "'ablate slurm submit SPEC' submits one job array, a task per unfinished run, that trains "
                + "into a run store on a shared filesystem; 'ablate status DIR' follows it from a login node.",
        mixinStandardHelpOptions = true,
        subcommands = {SlurmSubmitCommand.class})
final class SlurmCommand extends Subcommand implements Runnable {

    @Override
    public void run() {
        usage();
    }
}
