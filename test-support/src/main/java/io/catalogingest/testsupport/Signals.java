package io.catalogingest.testsupport;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends POSIX signals that Java cannot send itself (STOP, CONT, QUIT) with {@code kill}. */
final class Signals {

    private Signals() {
    }

    static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not run kill -" + signal + " " + pid, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + signal + " to " + pid, e);
        }
    }
}
